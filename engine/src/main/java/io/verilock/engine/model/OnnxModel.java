package io.verilock.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session of a converted {@link FaceModel}. {@link #run} takes the NHWC tensor TF.js would take
 * and returns the model's outputs in the order {@link FaceModel} documents. The input and output tensors live in
 * direct buffers reused from call to call (ORT writes outputs straight into them), so a call allocates only the
 * returned arrays. Calls on one instance are serialised; use one instance per thread for parallelism.
 */
public final class OnnxModel implements AutoCloseable {

    private final ModelSpec model;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final List<String> outputNames = new ArrayList<>();
    private final long[] outputWidths; // floats per batch item
    private Buffers buffers; // for the last batch size used

    private record Buffers(int batch, FloatBuffer input, OnnxTensor inputTensor, FloatBuffer[] outputs,
                           Map<String, OnnxTensor> pinned) implements AutoCloseable {
        @Override
        public void close() {
            inputTensor.close();
            pinned.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxModel(ModelSpec model, OrtEnvironment env, OrtSession session) throws OrtException {
        this.model = model;
        this.env = env;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        var info = session.getOutputInfo();
        this.outputWidths = new long[model.outputNames().size()];
        for (int k = 0; k < outputWidths.length; k++) {
            String name = model.outputNames().get(k);
            if (!info.containsKey(name)) {
                throw new IllegalStateException(model.modelName() + " has no output " + name + " (stale build?)");
            }
            var ti = (ai.onnxruntime.TensorInfo) info.get(name).getInfo();
            long w = 1;
            long[] shape = ti.getShape();
            for (int d = 1; d < shape.length; d++) w *= shape[d];
            outputNames.add(name);
            outputWidths[k] = w;
        }
    }

    /**
     * Loads {@code /models/<name>.onnx} from the classpath with all graph optimisations, {@code intraOpThreads}
     * threads inside an op (0 lets ORT choose) and one between ops.
     */
    public static OnnxModel load(FaceModel m, int intraOpThreads) {
        byte[] bytes;
        try (InputStream in = OnnxModel.class.getResourceAsStream(m.resource())) {
            if (in == null) throw new IllegalStateException(m.resource() + " not on the classpath (build the engine)");
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(m, bytes, intraOpThreads);
    }

    /** Loads a model built at run time ({@code onnx} is the serialised ModelProto), as {@link #load(FaceModel, int)}. */
    public static OnnxModel load(ModelSpec m, byte[] onnx, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Each model has its own intra-op pool; spinning workers of eight idle pools would steal the cores the
            // running model and the rest of the frame need (measured: 2 threads took 115 ms a frame, 1 thread 37).
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new OnnxModel(m, env, env.createSession(onnx, opts));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + m.modelName() + ": " + e.getMessage(), e);
        }
    }

    public ModelSpec model() {
        return model;
    }

    /**
     * Runs {@code batch} items laid out NHWC back to back ({@code batch * model().inputLength()} floats, value
     * range per {@link FaceModel}). Returns one array per output, each {@code batch} items long.
     */
    public synchronized float[][] run(float[] nhwcInput, int batch) {
        if (batch < 1 || nhwcInput.length != batch * model.inputLength()) {
            throw new IllegalArgumentException("expected " + batch + " x " + model.inputLength() + " floats for "
                    + model.modelName() + ", got " + nhwcInput.length);
        }
        try {
            Buffers b = buffers(batch);
            b.input().clear();
            b.input().put(nhwcInput);
            try (OrtSession.Result r = session.run(Map.of(inputName, b.inputTensor()), b.pinned())) {
                // Outputs were written into the pinned tensors; r holds only references to them.
            }
            float[][] out = new float[b.outputs().length][];
            for (int k = 0; k < out.length; k++) {
                FloatBuffer fb = b.outputs()[k];
                fb.clear();
                out[k] = new float[fb.capacity()];
                fb.get(out[k]);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(model.modelName() + " inference failed: " + e.getMessage(), e);
        }
    }

    private Buffers buffers(int batch) throws OrtException {
        if (buffers != null && buffers.batch() == batch) return buffers;
        if (buffers != null) buffers.close();
        int s = model.inputSize();
        FloatBuffer in = direct(batch * model.inputLength());
        OnnxTensor inT = OnnxTensor.createTensor(env, in, new long[] {batch, s, s, model.channels()});
        FloatBuffer[] outs = new FloatBuffer[outputNames.size()];
        Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
        var info = session.getOutputInfo();
        for (int k = 0; k < outs.length; k++) {
            long[] shape = ((ai.onnxruntime.TensorInfo) info.get(outputNames.get(k)).getInfo()).getShape().clone();
            shape[0] = batch;
            outs[k] = direct(Math.toIntExact(batch * outputWidths[k]));
            pinned.put(outputNames.get(k), OnnxTensor.createTensor(env, outs[k], shape));
        }
        buffers = new Buffers(batch, in, inT, outs, pinned);
        return buffers;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public synchronized void close() {
        if (buffers != null) buffers.close();
        buffers = null;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
