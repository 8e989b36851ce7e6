package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The selfie step's outcome as the engine reports it, independent of engine types: the spec's fields plus the
 * engine's explanation ({@code analysis}, stored and served as-is). Scores may be null when nothing was measured.
 *
 * @param decision the engine's verdict: "pass", "review" (the spec's moderate band: manual review) or "fail"
 */
public record SelfieResult(
        String livenessMode,
        Double livenessScore,
        boolean livenessPassed,
        int livenessThreshold,
        List<String> challengesCompleted,
        int framesCaptured,
        Double poseVariationScore,
        Double expressionVariationScore,
        JsonNode analysis,
        String decision) {
    public static final List<String> DECISIONS = List.of("pass", "review", "fail");

    /** Rejects values no engine should produce, so garbage never reaches the database or a webhook. */
    public SelfieResult {
        challengesCompleted = challengesCompleted == null ? List.of() : List.copyOf(challengesCompleted);
        if (!Profile.MODES.contains(livenessMode)) throw new IllegalArgumentException("liveness_mode must be one of " + Profile.MODES);
        if (livenessThreshold < 0 || livenessThreshold > 100) throw new IllegalArgumentException("liveness_threshold outside 0-100");
        if (framesCaptured < 0) throw new IllegalArgumentException("frames_captured is negative");
        if (!Profile.CHALLENGES.containsAll(challengesCompleted)) throw new IllegalArgumentException("unknown challenge in " + challengesCompleted);
        if (!DECISIONS.contains(decision)) throw new IllegalArgumentException("decision must be one of " + DECISIONS);
        if (livenessPassed != decision.equals("pass")) throw new IllegalArgumentException("decision " + decision + " contradicts liveness_passed " + livenessPassed);
        checkScore("liveness_score", livenessScore);
        checkScore("pose_variation_score", poseVariationScore);
        checkScore("expression_variation_score", expressionVariationScore);
    }

    private static void checkScore(String name, Double score) {
        if (score != null && !(score >= 0 && score <= 100)) throw new IllegalArgumentException(name + " outside 0-100: " + score);
    }
}
