package io.verilock.engine.face;

/**
 * A synthetic 3-D face: the mesh points the geometry code reads, at plausible positions in a face frame
 * (x towards the subject's left = image right, y down, z away from the camera, origin near the nose bridge),
 * rotated by known angles and projected orthographically to an image position.
 */
final class SyntheticFace {
    private final float[] face = new float[Landmarks.COUNT * 3];

    SyntheticFace() {
        set(234, -70, 0, 30); set(454, 70, 0, 30);
        set(93, -68, 20, 25); set(323, 68, 20, 25);
        set(132, -60, 50, 20); set(361, 60, 50, 20);
        set(127, -72, -15, 35); set(356, 72, -15, 35);
        set(33, -45, -20, 5); set(263, 45, -20, 5);
        set(133, -15, -20, 5); set(362, 15, -20, 5);
        set(10, 0, -100, 10); set(152, 0, 90, 10);
        set(151, 0, -80, 5); set(175, 0, 85, 5);
        set(9, 0, -50, 0); set(200, 0, 70, 0);
        set(1, 0, 10, -30);
        set(61, -25, 50, 0); set(291, 25, 50, 0);
        set(13, 0, 48, -2); set(14, 0, 52, -2);
        openEyes(8);
    }

    /** Puts the eyelid pairs {@code gap} apart vertically around the eye line. */
    SyntheticFace openEyes(double gap) {
        int[][][] lids = {MeshPoints.RIGHT_EYELIDS, MeshPoints.LEFT_EYELIDS};
        double[] centres = {-30, 30};
        for (int e = 0; e < 2; e++) {
            for (int k = 0; k < 3; k++) {
                double x = centres[e] + (k - 1) * 8;
                set(lids[e][k][0], x, -20 - gap / 2, 3);
                set(lids[e][k][1], x, -20 + gap / 2, 3);
            }
        }
        return this;
    }

    /** Mouth corners {@code width} apart, raised {@code lift} above the lip centre (y = 50). */
    SyntheticFace mouth(double width, double lift) {
        set(61, -width / 2, 50 - lift, 0);
        set(291, width / 2, 50 - lift, 0);
        return this;
    }

    private void set(int i, double x, double y, double z) {
        face[3 * i] = (float) x;
        face[3 * i + 1] = (float) y;
        face[3 * i + 2] = (float) z;
    }

    /** Rotates by R = Ry(yaw)·Rx(-pitch)·Rz(roll) (degrees, the engine's conventions) and moves to (320, 240). */
    Landmarks pose(double yaw, double pitch, double roll) {
        double[][] r = multiply(rotY(Math.toRadians(yaw)), multiply(rotX(Math.toRadians(-pitch)), rotZ(Math.toRadians(roll))));
        float[] out = new float[face.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double x = face[3 * i], y = face[3 * i + 1], z = face[3 * i + 2];
            out[3 * i] = (float) (320 + r[0][0] * x + r[0][1] * y + r[0][2] * z);
            out[3 * i + 1] = (float) (240 + r[1][0] * x + r[1][1] * y + r[1][2] * z);
            out[3 * i + 2] = (float) (r[2][0] * x + r[2][1] * y + r[2][2] * z);
        }
        return new Landmarks(out);
    }

    private static double[][] rotX(double a) {
        return new double[][] {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
    }

    private static double[][] rotY(double a) {
        return new double[][] {{Math.cos(a), 0, Math.sin(a)}, {0, 1, 0}, {-Math.sin(a), 0, Math.cos(a)}};
    }

    private static double[][] rotZ(double a) {
        return new double[][] {{Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}};
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }
}
