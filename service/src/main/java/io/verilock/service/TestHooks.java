package io.verilock.service;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.model.ModelStore;

import java.util.function.Supplier;

/**
 * Switches that only test code can turn on: {@link VerilockServer#start(Config)} (every production entry point)
 * always uses {@link #NONE}, and no environment variable or API call reaches them.
 *
 * @param fixedChallengeOrder the capture start request may fix the prompt order, so a recorded sequence can be
 *                            replayed through a browser in the order it was recorded
 * @param models              where the anti-spoofing model files come from instead of the environment's store
 *                            (null: {@link ModelStore#fromEnvironment()}), so a test can start without them
 * @param analyzers           makes the face analyzers instead of the ONNX pipeline (a scripted analyzer streams a
 *                            capture to a decision in a fast test); null = the real one
 */
public record TestHooks(boolean fixedChallengeOrder, ModelStore models, Supplier<FaceAnalyzer> analyzers) {
    public static final TestHooks NONE = new TestHooks(false);

    public TestHooks(boolean fixedChallengeOrder) {
        this(fixedChallengeOrder, null, null);
    }

    public TestHooks(boolean fixedChallengeOrder, ModelStore models) {
        this(fixedChallengeOrder, models, null);
    }

    /** Fixed challenge order and this analyzer factory. */
    static TestHooks scripted(Supplier<FaceAnalyzer> analyzers) {
        return new TestHooks(true, null, analyzers);
    }

    ModelStore modelStore() {
        return models != null ? models : ModelStore.fromEnvironment();
    }
}
