package io.verilock.cli;

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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stands in for the ONNX analyzer: each "image" file holds a line {@code yaw eyes smile live} (or {@code none}), and
 * the landmarks are a 3-D point cloud rotated by the yaw.
 */
final class ScriptedAnalyzer implements FaceAnalyzer {

    static void write(Path file, double yaw, double eyes, double smile, double live) throws IOException {
        Files.writeString(file, yaw + " " + eyes + " " + smile + " " + live);
    }

    @Override
    public FrameAnalysis analyzeFile(Path file, FrameAnalysis previous) throws ImageInputException {
        try {
            return analyzeBytes(Files.readAllBytes(file), previous);
        } catch (IOException e) {
            throw new ImageInputException("unreadable", e.getMessage());
        }
    }

    @Override
    public FrameAnalysis analyzeBytes(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        String[] f = new String(encoded).trim().split("\\s+");
        if (f[0].equals("none")) return new FrameAnalysis(640, 480, List.of());
        if (f.length != 4) throw new ImageInputException("not_an_image", "not a scripted frame");
        double yaw = Double.parseDouble(f[0]), eyes = Double.parseDouble(f[1]);
        double smile = Double.parseDouble(f[2]), live = Double.parseDouble(f[3]);
        FaceObservation o = new FaceObservation(new Box(220, 140, 200, 240), 0.99, landmarks(yaw),
                new HeadPose(yaw, 0, 0), new EyeState(eyes, eyes), smile, Map.of("happy", smile),
                new Texture(live, Map.of("minifasnet", live)), new Quality(List.of(), 120, 300, 0.3));
        return new FrameAnalysis(640, 480, List.of(o));
    }

    private static Landmarks landmarks(double yaw) {
        Random r = new Random(7);
        float[] xyz = new float[Landmarks.COUNT * 3];
        double a = Math.toRadians(yaw);
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double t = Math.toRadians(-80 + 160 * r.nextDouble()), p = Math.toRadians(-60 + 120 * r.nextDouble());
            double x = 70 * Math.sin(t) * Math.cos(p), y = 90 * Math.sin(p), z = -60 * Math.cos(t) * Math.cos(p);
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
