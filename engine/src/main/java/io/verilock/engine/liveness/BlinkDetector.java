package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.List;

/**
 * Blink: both eyes below {@code blinkClosedRatio} of the subject's baseline openness, then the mean back above
 * {@code blinkReopenRatio}. One closed frame suffices (a 100-150 ms blink at 8-10 fps), and a deliberate closure
 * held for seconds also counts as long as it reopens before the challenge times out. Both eyes must close: a wink
 * or a glance down that narrows one eye does not.
 */
final class BlinkDetector<T> extends ActionDetector<T> {
    private KeptFrame<T> closed;
    private double minOpen = Double.POSITIVE_INFINITY;
    private KeptFrame<T> reopened;
    private boolean shut;

    BlinkDetector(Baseline b, LivenessConfig cfg, long promptedAt) {
        super(Challenge.BLINK, b, cfg, promptedAt);
    }

    @Override
    GuidanceReason observe(long ts, FaceObservation o, T frame) {
        double closedBelow = config.blinkClosedRatio() * baseline.eyeOpenness();
        double openAbove = config.blinkReopenRatio() * baseline.eyeOpenness();
        double mean = o.eyes().mean();
        boolean bothClosed = o.eyes().leftOpen() < closedBelow && o.eyes().rightOpen() < closedBelow;
        if (!armed) {
            if (mean < openAbove) return GuidanceReason.OPEN_EYES; // eyes already shut when prompted
            armed = true;
            return null;
        }
        if (bothClosed) {
            shut = true;
            if (mean < minOpen) {
                minOpen = mean;
                closed = keep(ts, KeepReason.EYES_CLOSED, o, frame);
            }
            return null;
        }
        if (shut && mean >= openAbove) {
            reopened = keep(ts, KeepReason.EYES_REOPENED, o, frame);
            completedAt = ts;
            return null;
        }
        if (!shut && mean < minOpen) minOpen = mean; // partial closures are reported, never counted
        return shut ? GuidanceReason.OPEN_EYES : null;
    }

    @Override
    List<KeptFrame<T>> kept() { return present(closed, reopened); }

    @Override
    ChallengeOutcome outcome(ChallengeStatus status) {
        Double min = Double.isInfinite(minOpen) ? null : minOpen;
        Double depth = min == null ? null : 1 - min / baseline.eyeOpenness();
        return outcome(status, null, null, min, depth, null, null, null);
    }
}
