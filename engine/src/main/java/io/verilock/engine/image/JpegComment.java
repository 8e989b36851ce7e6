package io.verilock.engine.image;

import java.nio.charset.StandardCharsets;

/** JPEG bytes with a comment segment added: the same pixels, other bytes. */
public final class JpegComment {
    private JpegComment() {}

    /**
     * The JPEG with a comment segment (FF FE) holding {@code text} (ASCII, under 64 KiB) inserted after the start
     * marker: decoders ignore it, so the pixels stay identical while the bytes (and their hash) differ, without the
     * CPU of re-encoding. Load generators and tests use it to send one recorded frame many times as new evidence.
     */
    public static byte[] with(byte[] jpeg, String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        int len = t.length + 2;
        if (len > 0xFFFF) throw new IllegalArgumentException("a JPEG comment holds at most 65533 bytes");
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(t, 0, out, 6, t.length);
        System.arraycopy(jpeg, 2, out, 6 + t.length, jpeg.length - 2);
        return out;
    }
}
