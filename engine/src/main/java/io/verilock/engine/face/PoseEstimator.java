package io.verilock.engine.face;

/**
 * Head pose from the 3-D mesh: a lateral axis (subject's right cheek to left cheek) and a vertical axis (forehead
 * to chin) span the face; with their cross product they form the head's rotation matrix R = Ry(yaw)·Rx(pitch)·Rz(roll)
 * in camera coordinates (x right, y down, z away from the camera), which is decomposed into angles.
 * Several symmetric point pairs are averaged so that one misplaced landmark does not swing the angle.
 */
public final class PoseEstimator {

    /**
     * The forehead-to-chin line of a real face is not parallel to the image plane when the head is upright: the
     * mesh puts the chin slightly forward. Measured on frontal portraits; subtracted so a level gaze reads 0°.
     */
    private final double pitchOffsetDegrees;

    public PoseEstimator(double pitchOffsetDegrees) {
        this.pitchOffsetDegrees = pitchOffsetDegrees;
    }

    public HeadPose estimate(Landmarks m) {
        double[] x = meanDirection(m, MeshPoints.LATERAL_PAIRS);
        double[] y = meanDirection(m, MeshPoints.VERTICAL_PAIRS);
        // Gram-Schmidt: make the vertical axis orthogonal to the lateral one, then complete a right-handed frame.
        normalize(x);
        double d = dot(x, y);
        for (int i = 0; i < 3; i++) y[i] -= d * x[i];
        normalize(y);
        double[] z = cross(x, y);
        // R's columns are x, y, z. Decomposition of Ry·Rx·Rz: R[1][2] = -sin(pitch'), R[1][0]/R[1][1] = roll, R[0][2]/R[2][2] = yaw.
        double yawRad = Math.atan2(z[0], z[2]);
        double pitchRad = Math.asin(clamp(-z[1]));
        double rollRad = Math.atan2(x[1], y[1]);
        // A positive rotation about x (camera axis pointing right) moves the chin away: that is looking down.
        return new HeadPose(Math.toDegrees(yawRad), -Math.toDegrees(pitchRad) - pitchOffsetDegrees, Math.toDegrees(rollRad));
    }

    private static double[] meanDirection(Landmarks m, int[][] pairs) {
        double[] v = new double[3];
        for (int[] p : pairs) {
            double dx = m.x(p[1]) - m.x(p[0]), dy = m.y(p[1]) - m.y(p[0]), dz = m.z(p[1]) - m.z(p[0]);
            double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (n == 0) continue;
            v[0] += dx / n;
            v[1] += dy / n;
            v[2] += dz / n;
        }
        return v;
    }

    private static double clamp(double v) { return Math.max(-1, Math.min(1, v)); }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) for (int i = 0; i < 3; i++) v[i] /= n;
    }
}
