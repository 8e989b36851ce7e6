package io.verilock.engine.liveness;

import io.verilock.engine.face.Box;
import io.verilock.engine.face.EyeState;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.face.Quality;
import io.verilock.engine.face.QualityFlag;
import io.verilock.engine.face.Texture;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds synthetic observations: a 3-D face-shaped point cloud (468 points) rotated by the yaw and projected with a
 * pinhole camera, or, for a picture attack, the frontal face printed on a plane and that plane rotated instead.
 */
record SyntheticFace(double yaw, double pitch, double leftEye, double rightEye, double smile, double live,
                     boolean planar, List<QualityFlag> flags) {

    static final int WIDTH = 640, HEIGHT = 480;
    private static final double FOCAL = 800, DISTANCE = 500;
    private static final double[][] CLOUD = cloud();

    static SyntheticFace neutral() {
        return new SyntheticFace(0, 0, 1, 1, 0.1, 0.9, false, List.of());
    }

    SyntheticFace yaw(double v) { return new SyntheticFace(v, pitch, leftEye, rightEye, smile, live, planar, flags); }
    SyntheticFace eyes(double v) { return new SyntheticFace(yaw, pitch, v, v, smile, live, planar, flags); }
    SyntheticFace eyes(double l, double r) { return new SyntheticFace(yaw, pitch, l, r, smile, live, planar, flags); }
    SyntheticFace smile(double v) { return new SyntheticFace(yaw, pitch, leftEye, rightEye, v, live, planar, flags); }
    SyntheticFace live(double v) { return new SyntheticFace(yaw, pitch, leftEye, rightEye, smile, v, planar, flags); }
    SyntheticFace flat() { return new SyntheticFace(yaw, pitch, leftEye, rightEye, smile, live, true, flags); }
    SyntheticFace flags(QualityFlag... f) { return new SyntheticFace(yaw, pitch, leftEye, rightEye, smile, live, planar, List.of(f)); }

    FaceObservation observation() {
        float[] xyz = new float[CLOUD.length * 3];
        double a = Math.toRadians(yaw), cos = Math.cos(a), sin = Math.sin(a);
        double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
        for (int i = 0; i < CLOUD.length; i++) {
            double x = CLOUD[i][0], y = CLOUD[i][1], z = planar ? 0 : CLOUD[i][2];
            // yaw < 0 (own left) moves the nose (z < 0, towards the camera) to the image's right
            double xr = x * cos + z * sin, zr = -x * sin + z * cos;
            double px = WIDTH / 2.0 + FOCAL * xr / (DISTANCE + zr), py = HEIGHT / 2.0 + FOCAL * y / (DISTANCE + zr);
            xyz[3 * i] = (float) px;
            xyz[3 * i + 1] = (float) py;
            xyz[3 * i + 2] = (float) zr;
            minX = Math.min(minX, px); maxX = Math.max(maxX, px); minY = Math.min(minY, py); maxY = Math.max(maxY, py);
        }
        Box box = new Box(minX, minY, maxX - minX, maxY - minY);
        return new FaceObservation(box, 0.99, new Landmarks(xyz), new HeadPose(yaw, pitch, 0),
                new EyeState(leftEye, rightEye), smile, Map.of("happy", smile, "neutral", 1 - smile),
                new Texture(live, Map.of("minifasnet", live)), new Quality(flags, 120, 300, box.width() / WIDTH));
    }

    FrameAnalysis frame() {
        return new FrameAnalysis(WIDTH, HEIGHT, List.of(observation()));
    }

    static FrameAnalysis noFace() {
        return new FrameAnalysis(WIDTH, HEIGHT, List.of());
    }

    static FrameAnalysis twoFaces() {
        FaceObservation o = neutral().observation();
        return new FrameAnalysis(WIDTH, HEIGHT, List.of(o, o));
    }

    /** A face-like half ellipsoid (70 x 90 x 60 px) with a nose ridge; fixed seed so every run sees the same face. */
    private static double[][] cloud() {
        Random r = new Random(468);
        double[][] p = new double[Landmarks.COUNT][];
        for (int i = 0; i < p.length; i++) {
            double theta = Math.toRadians(-80 + 160 * r.nextDouble()), phi = Math.toRadians(-65 + 130 * r.nextDouble());
            double x = 70 * Math.sin(theta) * Math.cos(phi), y = 90 * Math.sin(phi);
            double z = -60 * Math.cos(theta) * Math.cos(phi);
            if (i < 30) { x = 4 * r.nextGaussian(); y = -10 + 30 * r.nextDouble(); z = -85 + Math.abs(y) * 0.3; }
            p[i] = new double[]{x, y, z};
        }
        return p;
    }
}
