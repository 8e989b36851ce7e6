package io.verilock.engine.face;

/** Creates the engine's face analyzer. */
public final class FaceAnalyzers {
    private FaceAnalyzers() {}

    /**
     * Opens the ONNX-backed analyzer.
     *
     * @param threads intra-op threads per model (1 = single-threaded; 0 = ONNX Runtime's default)
     */
    public static FaceAnalyzer open(int threads) {
        return open(AnalyzerSettings.defaults().withThreads(threads));
    }

    /** Opens the ONNX-backed analyzer with the given settings. */
    public static FaceAnalyzer open(AnalyzerSettings settings) {
        return new FacePipeline(settings);
    }

    /** With the anti-spoofing model from {@code models} (its verified local files only; never the network). */
    public static FaceAnalyzer open(AnalyzerSettings settings, io.verilock.engine.model.ModelStore models) {
        return new FacePipeline(settings, models);
    }
}
