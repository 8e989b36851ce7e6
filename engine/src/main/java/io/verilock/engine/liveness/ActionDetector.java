package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.ArrayList;
import java.util.List;

/**
 * Watches the frames after one prompt for one action. Every detector first waits to be <em>armed</em> (a frame where
 * the action is not already under way), so an action begun before the prompt, or held throughout, never counts.
 */
abstract class ActionDetector<T> {
    final Challenge challenge;
    final Baseline baseline;
    final LivenessConfig config;
    final long promptedAt;
    boolean armed;
    Long completedAt;
    int discontinuities;
    MotionTrack.Verdict motion;

    ActionDetector(Challenge challenge, Baseline baseline, LivenessConfig config, long promptedAt) {
        this.challenge = challenge;
        this.baseline = baseline;
        this.config = config;
        this.promptedAt = promptedAt;
    }

    static <T> ActionDetector<T> of(Challenge c, Baseline b, LivenessConfig cfg, long promptedAt) {
        return switch (c) {
            case HEAD_LEFT, HEAD_RIGHT -> new HeadTurnDetector<>(c, b, cfg, promptedAt);
            case BLINK -> new BlinkDetector<>(b, cfg, promptedAt);
            case SMILE -> new SmileDetector<>(b, cfg, promptedAt);
        };
    }

    /** Feeds one frame strictly after the prompt; returns a hint for the subject, or null. */
    abstract GuidanceReason observe(long ts, FaceObservation o, T frame);

    /** The frames documenting the best attempt so far (peak and return once complete). */
    abstract List<KeptFrame<T>> kept();

    abstract ChallengeOutcome outcome(ChallengeStatus status);

    boolean complete() { return completedAt != null; }

    KeptFrame<T> keep(long ts, KeepReason why, FaceObservation o, T frame) {
        return new KeptFrame<>(ts, why, challenge, o, frame);
    }

    static <T> List<KeptFrame<T>> present(KeptFrame<T> a, KeptFrame<T> b) {
        List<KeptFrame<T>> list = new ArrayList<>(2);
        if (a != null) list.add(a);
        if (b != null) list.add(b);
        return list;
    }

    ChallengeOutcome outcome(ChallengeStatus status, Double peakYawChange, Double peakYaw, Double minEye,
                             Double depth, Double peakSmile, Double rise, Integer wrong) {
        Double jump = motion == null ? null : motion.jump();
        Double flank = motion == null || Double.isNaN(motion.flank()) ? null : motion.flank();
        return new ChallengeOutcome(challenge, status, promptedAt, completedAt, peakYawChange, peakYaw, minEye, depth,
                peakSmile, rise, wrong, discontinuities, jump, flank);
    }
}
