package io.verilock.engine.face;

import java.util.Arrays;

/**
 * A face's identity descriptor: the embedding model's output scaled to unit length, so that the dot product of two
 * is their cosine similarity. Compare two with {@link FaceMatchSettings#similarity}.
 */
public final class FaceEmbedding {
    private final float[] unit;

    FaceEmbedding(float[] raw) {
        double n = 0;
        for (float v : raw) n += (double) v * v;
        n = Math.sqrt(n);
        unit = new float[raw.length];
        if (n > 0) for (int i = 0; i < raw.length; i++) unit[i] = (float) (raw[i] / n);
    }

    /** Cosine similarity, -1..1 (0 when either vector is all zeros or the lengths differ). */
    public double cosine(FaceEmbedding other) {
        if (other.unit.length != unit.length) return 0;
        double dot = 0;
        for (int i = 0; i < unit.length; i++) dot += (double) unit[i] * other.unit[i];
        return dot;
    }

    public int dimensions() {
        return unit.length;
    }

    /** A copy of the unit-length vector. */
    public float[] toArray() {
        return unit.clone();
    }

    @Override public boolean equals(Object o) { return o instanceof FaceEmbedding e && Arrays.equals(unit, e.unit); }
    @Override public int hashCode() { return Arrays.hashCode(unit); }
}
