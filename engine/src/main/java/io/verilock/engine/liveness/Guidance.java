package io.verilock.engine.liveness;

/**
 * What the SDK should show after a frame.
 *
 * @param state           where the sequence stands
 * @param prompt          the challenge to perform now; null outside {@link GuidanceState#PROMPTING}
 * @param completed       challenges completed so far
 * @param total           challenges in the plan
 * @param reason          why the verifier is waiting or stopped (null when the subject just needs to act)
 * @param remainingMillis time left for the current baseline or challenge (0 once finished)
 */
public record Guidance(GuidanceState state, Challenge prompt, int completed, int total, GuidanceReason reason,
                       long remainingMillis) {

    public boolean finished() { return state.finished(); }
}
