package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The selfie step's outcome as the engine reports it, independent of engine types: the spec's fields plus the
 * engine's explanation ({@code analysis}, stored and served as-is). Scores may be null when nothing was measured.
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
        JsonNode analysis) {

    public SelfieResult {
        challengesCompleted = challengesCompleted == null ? List.of() : List.copyOf(challengesCompleted);
    }
}
