package io.verilock.service;

/**
 * Switches that only test code can turn on: {@link VerilockServer#start(Config)} (every production entry point)
 * always uses {@link #NONE}, and no environment variable or API call reaches them.
 *
 * @param fixedChallengeOrder the capture start request may fix the prompt order, so a recorded sequence can be
 *                            replayed through a browser in the order it was recorded
 */
public record TestHooks(boolean fixedChallengeOrder) {
    public static final TestHooks NONE = new TestHooks(false);
}
