package io.verilock.engine.model;

import java.util.List;

/**
 * What {@link OnnxModel} needs to know about a converted model: one NHWC float input
 * {@code [batch, size, size, channels]} and its outputs, in the order {@link OnnxModel#run} returns them.
 */
public interface ModelSpec {
    String modelName();

    int inputSize();

    int channels();

    List<String> outputNames();

    /** Floats per batch item in the NHWC input. */
    default int inputLength() { return inputSize() * inputSize() * channels(); }
}
