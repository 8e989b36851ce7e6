package io.verilock.engine.liveness;

import java.util.List;

/**
 * Why the score is what it is: the configuration used, the baseline, each challenge, each kept frame, the texture
 * and geometry cues, and every deduction.
 */
public record LivenessAnalysis(
        LivenessBand band,
        GuidanceState sequenceState,
        GuidanceReason stopReason,
        List<Challenge> promptedOrder,
        Baseline baseline,
        List<ChallengeReport> challenges,
        List<FrameReport> frames,
        TextureReport texture,
        GeometryReport geometry,
        List<Deduction> deductions,
        List<String> notes,
        Integer framesSeen,
        Integer noFaceFrames,
        Integer severalFacesFrames,
        Integer repeatedFrames,
        LivenessConfig config,
        PassiveQuality quality) {

    /**
     * Passive mode: whether the photo must be retaken before it can be judged, and why (the SDK's guidance reasons:
     * face too small or too large, turned away, blurred, dark...), with the face's width share and yaw. Null in
     * active mode.
     */
    /** Active mode (no passive quality block). */
    public LivenessAnalysis(LivenessBand band, GuidanceState sequenceState, GuidanceReason stopReason,
                            List<Challenge> promptedOrder, Baseline baseline, List<ChallengeReport> challenges,
                            List<FrameReport> frames, TextureReport texture, GeometryReport geometry,
                            List<Deduction> deductions, List<String> notes, Integer framesSeen, Integer noFaceFrames,
                            Integer severalFacesFrames, LivenessConfig config) {
        this(band, sequenceState, stopReason, promptedOrder, baseline, challenges, frames, texture, geometry, deductions,
                notes, framesSeen, noFaceFrames, severalFacesFrames, null, config, null);
    }

    public record PassiveQuality(boolean retake, List<GuidanceReason> reasons, Double faceWidthRatio, Double yaw) {
        public PassiveQuality {
            reasons = List.copyOf(reasons);
        }
    }

    /** One challenge as prompted and as performed, with the credit it earned (0-100). */
    public record ChallengeReport(Challenge challenge, ChallengeStatus status, Long promptedAt, Long completedAt,
                                  Double peakYawChange, Double peakYaw, Double minEyeOpenness, Double blinkDepth,
                                  Double peakSmile, Double smileRise, Integer wrongDirectionFrames, String reason,
                                  Integer discontinuities, Double motionJump, Double motionFlank, double score) {
        static ChallengeReport of(ChallengeOutcome o, double score) {
            return new ChallengeReport(o.challenge(), o.status(), o.promptedAtMillis(), o.completedAtMillis(),
                    r(o.peakYawChange()), r(o.peakYaw()), r(o.minEyeOpenness()), r(o.blinkDepth()), r(o.peakSmile()),
                    r(o.smileRise()), o.wrongDirectionFrames(), o.reason(), o.discontinuities(), r(o.motionJump()),
                    r(o.motionFlank()), score);
        }
    }

    /**
     * One kept frame: why, and what the analyzer saw. {@code landmarks} are the 468 mesh points as whole image pixels
     * [x, y], so a reviewer can see them drawn on the evidence frame.
     */
    public record FrameReport(long timestampMs, KeepReason why, Challenge challenge, double yaw, double pitch,
                              double roll, double eyeLeft, double eyeRight, double smile, double textureLive,
                              List<String> qualityFlags, int[][] landmarks) {
    }

    /** The texture verdict over the kept frames. */
    public record TextureReport(double medianLive, double minLive, double spoofThreshold, boolean confidentSpoof) {
    }

    /**
     * Whether the 2-D landmarks moved like a flat picture: the homography residual between baseline and turned
     * frames, over the face width; null residual when no frame pair turned far enough to tell.
     */
    public record GeometryReport(int pairs, Double maxYawDifference, Double residual, double flatBelow, Boolean flat,
                                 String note) {
    }

    static Double r(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }
}
