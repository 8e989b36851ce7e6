package io.verilock.engine.model;

import java.util.Arrays;

/** A constant tensor: TF shape (row-major) and either float or int values. */
record ConstTensor(long[] shape, float[] floats, int[] ints) {

    static ConstTensor ofFloats(long[] shape, float[] values) { return new ConstTensor(shape, values, null); }

    static ConstTensor ofInts(long[] shape, int[] values) { return new ConstTensor(shape, null, values); }

    boolean isFloat() { return floats != null; }

    int size() { return isFloat() ? floats.length : ints.length; }

    int rank() { return shape.length; }

    /** Values as longs (for shape, axis and padding constants). */
    long[] longs() {
        long[] out = new long[size()];
        for (int k = 0; k < out.length; k++) out[k] = isFloat() ? (long) floats[k] : ints[k];
        return out;
    }

    @Override
    public String toString() {
        return "ConstTensor" + Arrays.toString(shape) + (isFloat() ? " float" : " int");
    }
}
