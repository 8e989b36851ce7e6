package io.verilock.engine.face;

/**
 * Eye openness from eyelid landmarks: the eye aspect ratio (mean eyelid gap over eye width, in 3-D so that a head
 * turn's foreshortening does not open the eye), mapped linearly so that {@code closedRatio} reads 0 and
 * {@code openRatio} (a normally open eye) reads 1. Values are clamped to 0..1.
 */
public final class EyeMeter {
    private final double closedRatio;
    private final double openRatio;

    public EyeMeter(double closedRatio, double openRatio) {
        this.closedRatio = closedRatio;
        this.openRatio = openRatio;
    }

    public EyeState measure(Landmarks m) {
        return new EyeState(
                openness(aspectRatio(m, MeshPoints.LEFT_EYELIDS, MeshPoints.LEFT_EYE_OUTER, MeshPoints.LEFT_EYE_INNER)),
                openness(aspectRatio(m, MeshPoints.RIGHT_EYELIDS, MeshPoints.RIGHT_EYE_OUTER, MeshPoints.RIGHT_EYE_INNER)));
    }

    public double openness(double aspectRatio) {
        return Math.max(0, Math.min(1, (aspectRatio - closedRatio) / (openRatio - closedRatio)));
    }

    public static double aspectRatio(Landmarks m, int[][] lids, int outer, int inner) {
        double gap = 0;
        for (int[] lid : lids) gap += Geometry.distance3(m, lid[0], lid[1]);
        double width = Geometry.distance3(m, outer, inner);
        return width == 0 ? 0 : gap / lids.length / width;
    }
}
