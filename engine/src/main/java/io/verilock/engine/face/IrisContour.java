package io.verilock.engine.face;

/**
 * Reads the iris model's output for one eye: 71 eye-contour points then 5 iris points, (x, y, z) each, in the
 * 64-px eye crop. Contour 0..8 is the lower lid from outer to inner corner and 9..15 the upper lid (the human
 * library's mesh-to-iris index map), so points 11/3, 12/4 and 13/5 face each other across the eye.
 */
final class IrisContour {
    private IrisContour() {}

    private static final int[][] LIDS = {{11, 3}, {12, 4}, {13, 5}};
    private static final int OUTER = 0, INNER = 8;

    /** Eyelid gap over eye width; x is mirrored back for the eye that was fed flipped (it cancels in distances). */
    static double aspectRatio(float[] out, int offset, boolean flipped) {
        double gap = 0;
        for (int[] lid : LIDS) gap += distance(out, offset, lid[0], lid[1]);
        double width = distance(out, offset, OUTER, INNER);
        return width == 0 ? 0 : gap / LIDS.length / width;
    }

    private static double distance(float[] out, int offset, int a, int b) {
        double dx = out[offset + 3 * a] - out[offset + 3 * b];
        double dy = out[offset + 3 * a + 1] - out[offset + 3 * b + 1];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
