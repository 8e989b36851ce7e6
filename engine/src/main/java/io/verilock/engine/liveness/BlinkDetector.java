package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.List;

/**
 * Blink: mean openness below {@code blinkClosedRatio} of the subject's baseline with neither eye above
 * {@code blinkWinkRatio} of it, then the mean back above {@code blinkReopenRatio}. One closed frame suffices (a 100-150 ms blink at 8-10 fps), and a deliberate closure
 * held for seconds also counts as long as it reopens before the challenge times out. Both eyes must take part: a wink
 * or a glance down that narrows both eyes a little does not.
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
        // Closed: the mean well below baseline, and neither eye still fully open (that would be a wink). Requiring
        // each eye below the closed level missed real blinks: at 10-25 degrees of yaw the far eye's openness
        // reads 0.7-0.85 mid-blink while the near eye reads 0.1-0.2 (FG-NET franck, LivePortrait d13).
        double winkAbove = config.blinkWinkRatio() * baseline.eyeOpenness();
        boolean bothClosed = mean < closedBelow && Math.max(o.eyes().leftOpen(), o.eyes().rightOpen()) < winkAbove;
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
