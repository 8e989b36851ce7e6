package io.verilock.engine.face;

import java.util.Arrays;

/**
 * The 468 face-mesh points (MediaPipe topology) in input-image pixels; z is depth in the same scale as x,
 * smaller towards the camera. Stored flat (x0, y0, z0, x1, ...) because every per-frame computation walks them.
 */
public final class Landmarks {
    public static final int COUNT = 468;
    private final float[] xyz;

    public Landmarks(float[] xyz) {
        if (xyz.length % 3 != 0) throw new IllegalArgumentException("landmark array length must be a multiple of 3");
        this.xyz = xyz.clone();
    }

    public int size() { return xyz.length / 3; }
    public double x(int i) { return xyz[3 * i]; }
    public double y(int i) { return xyz[3 * i + 1]; }
    public double z(int i) { return xyz[3 * i + 2]; }

    /** The smallest axis-aligned box holding every point. */
    public Box bounds() {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < size(); i++) {
            minX = Math.min(minX, x(i));
            maxX = Math.max(maxX, x(i));
            minY = Math.min(minY, y(i));
            maxY = Math.max(maxY, y(i));
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    /** A copy of the flat coordinate array. */
    public float[] toArray() { return xyz.clone(); }

    @Override public boolean equals(Object o) { return o instanceof Landmarks l && Arrays.equals(xyz, l.xyz); }
    @Override public int hashCode() { return Arrays.hashCode(xyz); }
}
