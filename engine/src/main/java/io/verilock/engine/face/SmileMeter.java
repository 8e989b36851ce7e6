package io.verilock.engine.face;

/**
 * Smile intensity 0..1. Geometry: the mouth widens relative to the outer eye corners and its corners rise above the
 * lip centre (both normalised by the eye distance, each mapped from its neutral to its smiling value). The emotion
 * model's "happy" sees teeth and cheeks the mesh misses but reads 0.3-0.5 on some neutral faces, so it only joins
 * the geometry with {@code modelWeight}. Calibration (README): liveportrait d0, d13, d18 neutral vs smiling frames.
 */
public record SmileMeter(double neutralWidth, double smileWidth, double neutralLift, double smileLift, double modelWeight) {

    public static SmileMeter defaults() {
        return new SmileMeter(0.58, 0.74, 0.01, 0.08, 0.4);
    }

    public double measure(Landmarks m, double happy) {
        return (1 - modelWeight) * geometric(m) + modelWeight * happy;
    }

    public double geometric(Landmarks m) {
        double eyes = Geometry.distance3(m, MeshPoints.RIGHT_EYE_OUTER, MeshPoints.LEFT_EYE_OUTER);
        if (eyes == 0) return 0;
        double width = Geometry.distance3(m, MeshPoints.MOUTH_RIGHT, MeshPoints.MOUTH_LEFT) / eyes;
        double lift = ((m.y(MeshPoints.UPPER_LIP) + m.y(MeshPoints.LOWER_LIP)) / 2
                - (m.y(MeshPoints.MOUTH_RIGHT) + m.y(MeshPoints.MOUTH_LEFT)) / 2) / eyes;
        return (unit(width, neutralWidth, smileWidth) + unit(lift, neutralLift, smileLift)) / 2;
    }

    private static double unit(double v, double zero, double one) {
        return Math.max(0, Math.min(1, (v - zero) / (one - zero)));
    }
}
