package io.verilock.service;

import io.verilock.engine.model.ModelStore;

/**
 * Switches that only test code can turn on: {@link VerilockServer#start(Config)} (every production entry point)
 * always uses {@link #NONE}, and no environment variable or API call reaches them.
 *
 * @param fixedChallengeOrder the capture start request may fix the prompt order, so a recorded sequence can be
 *                            replayed through a browser in the order it was recorded
 * @param models              where the anti-spoofing model files come from instead of the environment's store
 *                            (null: {@link ModelStore#fromEnvironment()}), so a test can start without them
 */
public record TestHooks(boolean fixedChallengeOrder, ModelStore models) {
    public static final TestHooks NONE = new TestHooks(false);

    public TestHooks(boolean fixedChallengeOrder) {
        this(fixedChallengeOrder, null);
    }

    ModelStore modelStore() {
        return models != null ? models : ModelStore.fromEnvironment();
    }
}
