package io.verilock.engine.model;

import com.google.protobuf.ByteString;
import io.verilock.engine.model.onnx.OnnxProto.AttributeProto;
import io.verilock.engine.model.onnx.OnnxProto.GraphProto;
import io.verilock.engine.model.onnx.OnnxProto.NodeProto;
import io.verilock.engine.model.onnx.OnnxProto.TensorProto;
import io.verilock.engine.model.onnx.OnnxProto.TensorShapeProto;
import io.verilock.engine.model.onnx.OnnxProto.TypeProto;
import io.verilock.engine.model.onnx.OnnxProto.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Protobuf plumbing shared by the ONNX graph builders: nodes, initializers, attributes and value infos. */
final class GraphWriter {
    private final GraphProto.Builder g = GraphProto.newBuilder();
    private int counter;

    GraphProto.Builder graph() {
        return g;
    }

    /** A number unique within this graph, for value names. */
    int next() {
        return counter++;
    }

    void node(String op, List<String> inputs, String output, AttributeProto... attrs) {
        g.addNode(NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attrs)));
    }

    /** Adds {@code t} as an initializer (float32 or int32) and returns its name. */
    String initializer(ConstTensor t) {
        String name = "const_" + next();
        TensorProto.Builder p = TensorProto.newBuilder().setName(name);
        for (long d : t.shape()) p.addDims(d);
        ByteBuffer buf = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.isFloat()) {
            p.setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (float f : t.floats()) buf.putFloat(f);
        } else {
            p.setDataType(TensorProto.DataType.INT32_VALUE);
            for (int i : t.ints()) buf.putInt(i);
        }
        g.addInitializer(p.setRawData(ByteString.copyFrom(buf.array())));
        return name;
    }

    /** Adds a 1-D int64 initializer (shapes, axes, pads) and returns its name. */
    String int64s(long[] values) {
        String name = "const_" + next();
        TensorProto.Builder p = TensorProto.newBuilder().setName(name).addDims(values.length)
                .setDataType(TensorProto.DataType.INT64_VALUE);
        for (long v : values) p.addInt64Data(v);
        g.addInitializer(p);
        return name;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** A float tensor's value info; a negative first dimension is the free batch, others are named. */
    static ValueInfoProto valueInfo(String name, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (int k = 0; k < shape.length; k++) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (k == 0 && shape[k] < 0) d.setDimParam("batch");
            else if (shape[k] < 0) d.setDimParam("d" + k);
            else d.setDimValue(shape[k]);
            s.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}
