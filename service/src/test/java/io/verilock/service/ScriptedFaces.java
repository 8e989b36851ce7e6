package io.verilock.service;

import io.verilock.engine.face.Box;
import io.verilock.engine.face.EyeState;
import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.face.Quality;
import io.verilock.engine.face.Texture;
import io.verilock.engine.image.ImageInputException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A person (or an attack) acted out frame by frame for the capture protocol without the ONNX models: each frame is a
 * real, tiny JPEG whose comment segment says what the analyzer should see ({@code yaw eyes smile live}, or
 * {@code none}); {@link Analyzer} reads it back, with a 3-D point cloud turned by the yaw as the landmarks (so the
 * planarity check sees a head), or a flat one for a picture.
 */
final class ScriptedFaces {
    private static final byte[] BASE = baseJpeg();
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final List<String> frames = new ArrayList<>();

    List<byte[]> jpegs() { return frames.stream().map(ScriptedFaces::jpeg).toList(); }

    int size() { return frames.size(); }

    ScriptedFaces face(double yaw, double eyes, double smile, double live) {
        frames.add(yaw + " " + eyes + " " + smile + " " + live);
        return this;
    }

    ScriptedFaces flat(double yaw, double live) {
        frames.add("flat " + yaw + " " + live);
        return this;
    }

    ScriptedFaces none(int n) {
        for (int i = 0; i < n; i++) frames.add("none");
        return this;
    }

    ScriptedFaces neutral(int n, double live) {
        for (int i = 0; i < n; i++) face(0, 0.95, 0.1, live);
        return this;
    }

    /** A head turn to the person's left (negative yaw) or right and back, then a moment at rest. */
    ScriptedFaces turn(double sign, double live) {
        for (double y : new double[] {8, 17, 26, 30, 28, 18, 8, 2}) face(sign * y, 0.95, 0.1, live);
        return neutral(2, live);
    }

    ScriptedFaces blink(double live) {
        face(0, 0.95, 0.1, live).face(0, 0.1, 0.1, live).face(0, 0.95, 0.1, live);
        return neutral(2, live);
    }

    ScriptedFaces smile(double live) {
        for (double v : new double[] {0.3, 0.7, 0.85, 0.85, 0.8, 0.8, 0.75, 0.4}) face(0, 0.95, v, live);
        return neutral(2, live);
    }

    /** Each frame's bytes are new (a serial number in the comment), so none is refused as a replay. */
    static byte[] jpeg(String script) {
        byte[] text = ("vlscript " + script + " #" + SERIAL.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xFE); // COM segment: length includes its own two bytes
        out.write((text.length + 2) >> 8);
        out.write((text.length + 2) & 0xFF);
        out.writeBytes(text);
        out.write(BASE, 2, BASE.length - 2);
        return out.toByteArray();
    }

    private static byte[] baseJpeg() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the script back out of a frame; counts the frames it analysed. */
    static final class Analyzer implements FaceAnalyzer {
        static final AtomicInteger ANALYSED = new AtomicInteger();

        @Override
        public FrameAnalysis analyzeFile(Path file, FrameAnalysis previous) {
            throw new UnsupportedOperationException("the service analyses request bodies, never files");
        }

        @Override
        public FrameAnalysis analyzeBytes(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
            ANALYSED.incrementAndGet();
            String all = new String(encoded, StandardCharsets.ISO_8859_1);
            int at = all.indexOf("vlscript ");
            if (at < 0) throw new ImageInputException("corrupt", "not a scripted frame");
            String[] f = all.substring(at + 9, all.indexOf(" #", at)).trim().split("\\s+");
            if (f[0].equals("none")) return new FrameAnalysis(640, 480, List.of());
            boolean flat = f[0].equals("flat");
            double yaw = Double.parseDouble(f[flat ? 1 : 0]);
            double eyes = flat ? 0.95 : Double.parseDouble(f[1]), smile = flat ? 0.1 : Double.parseDouble(f[2]);
            double live = Double.parseDouble(f[flat ? 2 : 3]);
            FaceObservation o = new FaceObservation(new Box(220, 140, 200, 240), 0.99, landmarks(yaw, flat),
                    new HeadPose(yaw, 0, 0), new EyeState(eyes, eyes), smile, Map.of("happy", smile),
                    new Texture(live, Map.of("spoof_confident", live < 0.2 ? 1.0 : 0.0)), new Quality(List.of(), 120, 300, 0.3));
            return new FrameAnalysis(640, 480, List.of(o));
        }

        /** A head: points on an ellipsoid seen in perspective; a picture: the same points pressed flat. */
        private static Landmarks landmarks(double yaw, boolean flat) {
            Random r = new Random(7);
            float[] xyz = new float[Landmarks.COUNT * 3];
            double a = Math.toRadians(yaw);
            for (int i = 0; i < Landmarks.COUNT; i++) {
                double t = Math.toRadians(-80 + 160 * r.nextDouble()), p = Math.toRadians(-60 + 120 * r.nextDouble());
                double x = 70 * Math.sin(t) * Math.cos(p), y = 90 * Math.sin(p), z = flat ? 0 : -60 * Math.cos(t) * Math.cos(p);
                double xr = x * Math.cos(a) + z * Math.sin(a), zr = -x * Math.sin(a) + z * Math.cos(a);
                xyz[3 * i] = (float) (320 + 800 * xr / (500 + zr));
                xyz[3 * i + 1] = (float) (240 + 800 * y / (500 + zr));
                xyz[3 * i + 2] = (float) zr;
            }
            return new Landmarks(xyz);
        }

        @Override
        public void close() {}
    }
}
