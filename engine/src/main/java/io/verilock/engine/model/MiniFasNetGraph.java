package io.verilock.engine.model;

import io.verilock.engine.model.onnx.OnnxProto.ModelProto;
import io.verilock.engine.model.onnx.OnnxProto.OperatorSetIdProto;
import io.verilock.engine.model.onnx.OnnxProto.StringStringEntryProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.verilock.engine.model.GraphWriter.floatAttr;
import static io.verilock.engine.model.GraphWriter.intAttr;
import static io.verilock.engine.model.GraphWriter.ints;
import static io.verilock.engine.model.GraphWriter.valueInfo;

/**
 * Builds the ONNX graph (opset 13) of Minivision's MiniFASNetV2 / MiniFASNetV1SE from their PyTorch state dict,
 * following {@code src/model_lib/MiniFASNet.py} of Silent-Face-Anti-Spoofing: conv + batch-norm + PReLU blocks,
 * depthwise stages (1x1 expand, 3x3 depthwise, 1x1 linear project; residual inside the stages, squeeze-and-
 * excitation on each stage's last block in the SE variant), a global depthwise conv, a linear embedding with
 * batch norm and a linear 3-way classifier. Channel counts, groups and the SE blocks are read from the tensors,
 * so both variants (and MiniFASNetV1/V2SE) come out of the same code. The graph takes NHWC input like the other
 * models ({@link OnnxModel}); it is transposed to NCHW once. Output {@code logits} [batch, 3]: raw class scores
 * (softmax them; class 1 is "real").
 */
final class MiniFasNetGraph {
    private static final float BN_EPS = 1e-5f;

    private final Map<String, ConstTensor> w;
    private final GraphWriter out = new GraphWriter();
    private long channels;

    private MiniFasNetGraph(Map<String, ConstTensor> weights) {
        this.w = new TreeMap<>();
        for (var e : weights.entrySet()) w.put(e.getKey().replaceFirst("^module\\.", ""), e.getValue());
    }

    /** The ONNX model of the network whose state dict is {@code weights} ({@code module.} prefixes allowed). */
    static ModelProto build(Map<String, ConstTensor> weights, String name, int inputSize, String source) {
        MiniFasNetGraph b = new MiniFasNetGraph(weights);
        var g = b.out.graph();
        g.setName(name);
        g.addInput(valueInfo("input", new long[] {-1, inputSize, inputSize, 3}));
        String x = b.fresh("nchw");
        b.out.node("Transpose", List.of("input"), x, ints("perm", 0, 3, 1, 2));
        b.channels = 3;
        String logits = b.network(x);
        b.out.node("Identity", List.of(logits), "logits");
        g.addOutput(valueInfo("logits", new long[] {-1, b.w.get("prob.weight").shape()[0]}));
        return ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("verilock")
                .setDomain("io.verilock")
                .setDocString(name + " converted from its PyTorch state dict")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxGraphBuilder.OPSET))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("source").setValue(source))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("input_layout").setValue("NHWC, BGR 0-255"))
                .setGraph(g)
                .build();
    }

    private String network(String x) {
        x = convBlock("conv1", x, 2, true);
        x = convBlock("conv2_dw", x, 1, true);
        x = depthWise("conv_23", x, 2, false);
        x = residualStage("conv_3", x);
        x = depthWise("conv_34", x, 2, false);
        x = residualStage("conv_4", x);
        x = depthWise("conv_45", x, 2, false);
        x = residualStage("conv_5", x);
        x = convBlock("conv_6_sep", x, 1, true);
        x = convBlock("conv_6_dw", x, 1, false);
        String flat = fresh("flatten");
        out.node("Flatten", List.of(x), flat, intAttr("axis", 1));
        x = flat;
        if (w.containsKey("linear.weight")) x = linear("linear", x); // absent when the embedding is 512 wide
        x = batchNorm1d("bn", x);
        return linear("prob", x);
    }

    /** {@code Residual} / {@code ResidualSE}: its blocks {@code <name>.model.0, 1, ...} in order. */
    private String residualStage(String name, String x) {
        for (int i = 0; w.containsKey(name + ".model." + i + ".conv.conv.weight"); i++) {
            x = depthWise(name + ".model." + i, x, 1, true);
        }
        return x;
    }

    /** {@code Depth_Wise} / {@code Depth_Wise_SE}: expand, depthwise, project; SE and shortcut when residual. */
    private String depthWise(String name, String x, int stride, boolean residual) {
        String in = x;
        x = convBlock(name + ".conv", x, 1, true);
        x = convBlock(name + ".conv_dw", x, stride, true);
        x = convBlock(name + ".project", x, 1, false);
        if (!residual) return x;
        if (w.containsKey(name + ".se_module.fc1.weight")) x = squeezeExcite(name + ".se_module", x);
        String sum = fresh(name + ".add");
        out.node("Add", List.of(in, x), sum);
        return sum;
    }

    /** {@code SEModule}: x * sigmoid(bn2(fc2(relu(bn1(fc1(avgpool(x))))))). */
    private String squeezeExcite(String name, String x) {
        long c = channels;
        String pooled = fresh(name + ".pool");
        out.node("GlobalAveragePool", List.of(x), pooled);
        String s = batchNorm(name + ".bn1", conv(name + ".fc1", pooled, 1));
        String r = fresh(name + ".relu");
        out.node("Relu", List.of(s), r);
        s = batchNorm(name + ".bn2", conv(name + ".fc2", r, 1));
        String gate = fresh(name + ".sigmoid");
        out.node("Sigmoid", List.of(s), gate);
        String y = fresh(name + ".mul");
        out.node("Mul", List.of(x, gate), y);
        channels = c;
        return y;
    }

    /** {@code Conv_block} (conv, batch norm, PReLU) or, without {@code prelu}, {@code Linear_block}. */
    private String convBlock(String name, String x, int stride, boolean prelu) {
        x = batchNorm(name + ".bn", conv(name + ".conv", x, stride));
        if (!prelu) return x;
        ConstTensor slope = w.get(name + ".prelu.weight");
        String y = fresh(name + ".prelu");
        out.node("PRelu", List.of(x, out.initializer(ConstTensor.ofFloats(new long[] {slope.size(), 1, 1}, slope.floats()))), y);
        return y;
    }

    /**
     * A bias-free convolution. The kernel's shape gives the padding (3x3 pads 1, 1x1 and the 5x5 global depthwise
     * pad 0, as in MiniFASNet.py) and, against the incoming channel count, the groups.
     */
    private String conv(String name, String x, int stride) {
        ConstTensor k = require(name + ".weight");
        long cout = k.shape()[0], cinPerGroup = k.shape()[1], kh = k.shape()[2], kw = k.shape()[3];
        if (channels % cinPerGroup != 0) throw new IllegalArgumentException(name + ": " + channels + " channels in, kernel " + cinPerGroup);
        long groups = channels / cinPerGroup;
        long pad = kh == 3 ? 1 : 0;
        String y = fresh(name);
        out.node("Conv", List.of(x, out.initializer(k)), y,
                ints("kernel_shape", kh, kw), ints("strides", stride, stride), ints("pads", pad, pad, pad, pad),
                intAttr("group", groups));
        channels = cout;
        return y;
    }

    private String batchNorm(String name, String x) {
        String y = fresh(name);
        out.node("BatchNormalization", List.of(x, out.initializer(require(name + ".weight")),
                out.initializer(require(name + ".bias")), out.initializer(require(name + ".running_mean")),
                out.initializer(require(name + ".running_var"))), y, floatAttr("epsilon", BN_EPS));
        return y;
    }

    /** BatchNorm1d on [batch, features], folded into one scale and one shift (inference statistics). */
    private String batchNorm1d(String name, String x) {
        float[] gamma = require(name + ".weight").floats(), beta = require(name + ".bias").floats();
        float[] mean = require(name + ".running_mean").floats(), var = require(name + ".running_var").floats();
        float[] scale = new float[gamma.length], shift = new float[gamma.length];
        for (int i = 0; i < gamma.length; i++) {
            scale[i] = (float) (gamma[i] / Math.sqrt(var[i] + (double) BN_EPS));
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        long[] shape = {gamma.length};
        String m = fresh(name + ".scale"), y = fresh(name + ".shift");
        out.node("Mul", List.of(x, out.initializer(ConstTensor.ofFloats(shape, scale))), m);
        out.node("Add", List.of(m, out.initializer(ConstTensor.ofFloats(shape, shift))), y);
        return y;
    }

    /** A bias-free {@code nn.Linear}: y = x W^T. */
    private String linear(String name, String x) {
        ConstTensor k = require(name + ".weight");
        String y = fresh(name);
        List<String> inputs = new ArrayList<>(List.of(x, out.initializer(k)));
        if (w.containsKey(name + ".bias")) inputs.add(out.initializer(w.get(name + ".bias")));
        out.node("Gemm", inputs, y, intAttr("transB", 1));
        return y;
    }

    private ConstTensor require(String key) {
        ConstTensor t = w.get(key);
        if (t == null) throw new IllegalArgumentException("the state dict has no " + key + " (not a MiniFASNet?)");
        return t;
    }

    private String fresh(String hint) {
        return hint + "_" + out.next();
    }
}
