package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonIgnore;
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

    /**
     * What to do with the person: {@link LivenessDecision#PASS} at or above the threshold; {@link LivenessDecision#REVIEW}
     * from the configuration's review floor up to the threshold, unless the sequence failed (a timeout or an
     * abandoned capture is never a review case); {@link LivenessDecision#FAIL} otherwise.
     */
    @JsonIgnore
    public LivenessDecision decision() {
        if (livenessPassed) return LivenessDecision.PASS;
        boolean failed = analysis != null && analysis.sequenceState() == GuidanceState.FAILED;
        double floor = analysis == null || analysis.config() == null ? LivenessConfig.defaults().reviewFloor()
                : analysis.config().reviewFloor();
        return !failed && livenessScore >= floor ? LivenessDecision.REVIEW : LivenessDecision.FAIL;
    }

    /** Why the sequence stopped short ("challenge_timeout", "baseline_timeout", "abandoned"), or null. */
    @JsonIgnore
    public String failure() {
        if (analysis == null || analysis.sequenceState() != GuidanceState.FAILED || analysis.stopReason() == null) return null;
        return analysis.stopReason().code();
    }
}
