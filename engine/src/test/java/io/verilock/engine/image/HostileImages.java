package io.verilock.engine.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-built image files for the decoder's limits: PNG chunks, EXIF segments, zlib bombs. */
final class HostileImages {
    private HostileImages() {}

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR), "png", out);
        return out.toByteArray();
    }

    /** A PNG with a zTXt "Comment" chunk right after IHDR holding this zlib stream. */
    static byte[] pngWithZtxt(int width, int height, byte[] zlib) throws IOException {
        byte[] base = png(width, height);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write("Comment".getBytes(StandardCharsets.ISO_8859_1));
        payload.write(0); // keyword terminator
        payload.write(0); // compression method: zlib
        payload.write(zlib);
        int afterIhdr = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base, 0, afterIhdr);
        out.write(chunk("zTXt", payload.toByteArray()));
        out.write(base, afterIhdr, base.length - afterIhdr);
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            out.writeInt(data.length);
            out.write(t);
            out.write(data);
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zlib stream of {@code n} zero bytes (about 1,000 to 1 at the best level). */
    static byte[] deflatedZeros(long n) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long left = n; left > 0; left -= zeros.length) {
            d.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!d.needsInput()) out.write(buf, 0, d.deflate(buf));
        }
        d.finish();
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    /** The JPEG with an APP1 EXIF segment (big-endian TIFF, one IFD0 entry: Orientation) right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1
                0, 0, 0, 0}; // no next IFD
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xff);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
