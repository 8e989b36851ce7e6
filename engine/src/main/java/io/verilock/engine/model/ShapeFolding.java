package io.verilock.engine.model;

import java.util.List;

/**
 * Folds the shape arithmetic some graphs carry ({@code Shape -> StridedSlice -> Pack -> Reshape}) into constants.
 * The input size is static, so only the batch is unknown; it folds to -1, which Reshape then infers.
 */
final class ShapeFolding {

    /** Looks up a node's constant value, or (with {@code wantShape}) its static TF shape as a 1-D int tensor. */
    interface Source {
        ConstTensor get(String tfName, boolean wantShape);
    }

    private ShapeFolding() { }

    static ConstTensor fold(TfjsGraph.Node n, Source src) {
        List<String> in = n.inputs();
        return switch (n.op()) {
            case "Shape" -> src.get(in.get(0), true);
            case "StridedSlice" -> stridedSlice(n, src.get(in.get(0), false), src.get(in.get(1), false).longs(),
                    src.get(in.get(2), false).longs(), src.get(in.get(3), false).longs());
            case "Pack" -> pack(n, in, src);
            default -> throw new IllegalArgumentException(n.op());
        };
    }

    /** 1-D strided slice with begin/end masks and shrink_axis (what shape arithmetic uses). */
    private static ConstTensor stridedSlice(TfjsGraph.Node n, ConstTensor x, long[] begin, long[] end, long[] step) {
        if (x.rank() != 1 || begin.length != 1 || n.integer("ellipsis_mask", 0) != 0
                || n.integer("new_axis_mask", 0) != 0) {
            throw new UnsupportedOperationException(n.name() + ": only 1-D StridedSlice folds");
        }
        int len = x.size();
        long s = step[0];
        long b = (n.integer("begin_mask", 0) & 1) != 0 ? (s > 0 ? 0 : len - 1) : norm(begin[0], len);
        long e = (n.integer("end_mask", 0) & 1) != 0 ? (s > 0 ? len : -1) : norm(end[0], len);
        long[] v = x.longs();
        if ((n.integer("shrink_axis_mask", 0) & 1) != 0) {
            return ConstTensor.ofInts(new long[0], new int[] {(int) v[(int) b]});
        }
        int count = 0;
        int[] out = new int[len];
        for (long k = b; s > 0 ? k < e : k > e; k += s) out[count++] = (int) v[(int) k];
        return ConstTensor.ofInts(new long[] {count}, java.util.Arrays.copyOf(out, count));
    }

    private static long norm(long i, int len) {
        return i < 0 ? i + len : i;
    }

    /** Pack of scalars along axis 0 (a shape vector). */
    private static ConstTensor pack(TfjsGraph.Node n, List<String> in, Source src) {
        if (n.integer("axis", 0) != 0) throw new UnsupportedOperationException(n.name() + ": Pack axis != 0");
        int[] out = new int[in.size()];
        for (int k = 0; k < out.length; k++) {
            ConstTensor t = src.get(in.get(k), false);
            if (t.size() != 1) throw new UnsupportedOperationException(n.name() + ": Pack of non-scalars");
            out[k] = (int) t.longs()[0];
        }
        return ConstTensor.ofInts(new long[] {out.length}, out);
    }
}
