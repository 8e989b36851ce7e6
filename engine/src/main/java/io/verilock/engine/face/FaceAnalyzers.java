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
        return new FacePipeline(AnalyzerSettings.defaults().withThreads(threads));
    }
}
