package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The session's {@code selfie} liveness block: exactly the spec's fields, plus {@code analysis} explaining them.
 * Fields that do not apply are null and left out of the JSON (passive mode has no challenges or variation scores;
 * an active plan without head turns has no pose score). Serialize with {@link LivenessJson#mapper()}.
 */
@JsonPropertyOrder({"liveness_mode", "liveness_score", "liveness_passed", "liveness_threshold", "challenges_completed",
        "frames_captured", "pose_variation_score", "expression_variation_score", "analysis"})
public record LivenessResult(
        LivenessMode livenessMode,
        double livenessScore,
        boolean livenessPassed,
        int livenessThreshold,
        List<Challenge> challengesCompleted,
        int framesCaptured,
        Double poseVariationScore,
        Double expressionVariationScore,
        LivenessAnalysis analysis) {
}
