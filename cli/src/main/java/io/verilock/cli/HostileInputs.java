package io.verilock.cli;

import io.verilock.engine.face.Subjects;
import io.verilock.engine.image.ImageInputException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/** The probe's hostile images, built in memory: nothing here is face data, and the bomb ships as 3 KB. */
final class HostileInputs {
    private HostileInputs() {}

    /** A plausible frame: the engine's rendered subject, 640 × 480. */
    static byte[] face() {
        try {
            return Subjects.astronautFrameJpeg(640, 480);
        } catch (ImageInputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 1.8 MB PNG whose zTXt chunk inflates to 1.8 GB (the zlib stream ships gzip-compressed, 3 KB). */
    static byte[] pngBomb() {
        try (InputStream in = HostileInputs.class.getResourceAsStream("/probe/ztxt-bomb.zlib.gz")) {
            if (in == null) throw new IllegalStateException("probe resource ztxt-bomb.zlib.gz missing");
            byte[] zlib = new GZIPInputStream(in).readAllBytes();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
            payload.write(0);
            payload.write(0);
            payload.writeBytes(zlib);
            return withChunkAfterIhdr(png(64, 64), "zTXt", payload.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose IHDR claims this size, with no pixel data worth the name: refused from the header. */
    static byte[] pngClaiming(int width, int height) {
        byte[] b = png(8, 8);
        byte[] w = {(byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width};
        byte[] h = {(byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height};
        System.arraycopy(w, 0, b, 16, 4);
        System.arraycopy(h, 0, b, 20, 4);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        long c = crc.getValue();
        b[29] = (byte) (c >>> 24); b[30] = (byte) (c >>> 16); b[31] = (byte) (c >>> 8); b[32] = (byte) c;
        return b;
    }

    static byte[] withChunkAfterIhdr(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        try {
            DataOutputStream d = new DataOutputStream(out);
            byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            d.writeInt(data.length);
            d.write(t);
            d.write(data);
            d.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** Every hostile image, by name: each must get a 4xx (or, for the well-formed ones, an ordinary answer). */
    static Map<String, byte[]> images(Random random) {
        byte[] face = face();
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("png zTXt bomb", pngBomb());
        m.put("png side 32767", pngClaiming(32_767, 1));
        m.put("png side 65535", pngClaiming(65_535, 65_535));
        m.put("png side 2^31-1", pngClaiming(Integer.MAX_VALUE, 1));
        m.put("png zero size", pngClaiming(0, 0));
        m.put("png 16385 x 2", png(16_385, 2));
        byte[] cut = Arrays.copyOf(face, face.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        m.put("jpeg truncated + EOI", cut);
        m.put("jpeg truncated", Arrays.copyOf(face, face.length / 3));
        byte[] trailer = Arrays.copyOf(face, face.length + 200_000);
        m.put("jpeg + motion-photo trailer", trailer);
        m.put("jpeg SOI only", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        byte[] noise = new byte[50_000];
        random.nextBytes(noise);
        noise[0] = (byte) 0xFF; noise[1] = (byte) 0xD8; noise[2] = (byte) 0xFF;
        m.put("jpeg magic + noise", noise);
        byte[] pngNoise = Arrays.copyOf(png(4, 4), 40_000);
        random.nextBytes(Arrays.copyOfRange(pngNoise, 0, 0));
        for (int i = 60; i < pngNoise.length; i++) pngNoise[i] = (byte) random.nextInt();
        m.put("png + noise", pngNoise);
        m.put("png truncated", Arrays.copyOf(png(300, 300), 60));
        m.put("gif", "GIF89a....".getBytes(StandardCharsets.ISO_8859_1));
        m.put("text", "hello, not an image".getBytes(StandardCharsets.UTF_8));
        m.put("png tiny 1x1", png(1, 1));
        return m;
    }
}
