package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.List;

/**
 * Head turn: yaw past {@code turnAngleDeg} from the baseline towards the prompted side, then back within
 * {@code turnReturnDeg} of it. Requiring the return shows a movement, not a head that was turned all along.
 */
final class HeadTurnDetector<T> extends ActionDetector<T> {
    /** head_left is a negative yaw (subject's own left on an unmirrored frame). */
    private final double sign;
    private KeptFrame<T> peak;
    private double peakChange = Double.NEGATIVE_INFINITY;
    private double peakYaw;
    private KeptFrame<T> back;
    private boolean turned;
    private int wrongFrames;

    HeadTurnDetector(Challenge c, Baseline b, LivenessConfig cfg, long promptedAt) {
        super(c, b, cfg, promptedAt);
        this.sign = c == Challenge.HEAD_LEFT ? -1 : 1;
    }

    @Override
    GuidanceReason observe(long ts, FaceObservation o, T frame) {
        double yaw = o.pose().yaw();
        double change = sign * (yaw - baseline.yaw()); // positive = towards the prompted side
        if (!armed) {
            if (change >= config.turnAngleDeg()) return GuidanceReason.TURN_BACK; // already turned at the prompt
            armed = true;
        }
        if (!turned) {
            if (change >= config.turnAngleDeg()) {
                turned = true;
            } else {
                if (change <= -config.turnAngleDeg()) {
                    wrongFrames++;
                    return GuidanceReason.WRONG_DIRECTION;
                }
                if (change > peakChange) recordPeak(ts, change, yaw, o, frame); // best attempt, for the analysis
                return change >= config.turnHintDeg() ? GuidanceReason.TURN_FURTHER : null;
            }
        }
        if (change > peakChange) recordPeak(ts, change, yaw, o, frame);
        if (Math.abs(yaw - baseline.yaw()) <= config.turnReturnDeg()) {
            back = keep(ts, KeepReason.TURN_RETURN, o, frame);
            completedAt = ts;
            return null;
        }
        return GuidanceReason.TURN_BACK; // turned far enough: now come back towards the camera
    }

    private void recordPeak(long ts, double change, double yaw, FaceObservation o, T frame) {
        peakChange = change;
        peakYaw = yaw;
        peak = keep(ts, KeepReason.TURN_PEAK, o, frame);
    }

    @Override
    List<KeptFrame<T>> kept() { return present(peak, back); }

    @Override
    ChallengeOutcome outcome(ChallengeStatus status) {
        Double change = peak == null ? null : peakChange;
        Double yaw = peak == null ? null : peakYaw;
        return outcome(status, change, yaw, null, null, null, null, wrongFrames);
    }
}
