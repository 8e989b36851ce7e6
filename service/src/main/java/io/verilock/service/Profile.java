package io.verilock.service;

import java.util.List;

/**
 * What a session asks of the user. Liveness fields are null when there is no selfie step.
 * {@code channel} is "sdk" (the user captures through a Verilock SDK) or "api" (the integrator uploads documents
 * itself); the spec makes active liveness SDK-only, so an "api" profile can only use passive liveness.
 */
public record Profile(List<String> steps, String channel, String livenessMode, Integer livenessThreshold,
                      List<String> livenessChallenges) {

    public static final List<String> STEPS = List.of("document", "selfie");
    public static final List<String> CHANNELS = List.of("sdk", "api");
    public static final List<String> MODES = List.of("passive", "active");
    public static final List<String> CHALLENGES = List.of("head_left", "head_right", "smile", "blink");

    /** The spec's defaults: passive, threshold 75, all four challenges. */
    public static final Profile DEFAULT = new Profile(List.of("document", "selfie"), "sdk", "passive", 75, CHALLENGES);

    public boolean hasStep(String step) { return steps.contains(step); }
}
