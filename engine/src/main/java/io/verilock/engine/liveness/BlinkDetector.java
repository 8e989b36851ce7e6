package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Blink: the eyelids' whole closing and opening. The mean openness dips below {@code blinkReopenRatio} of the
 * subject's baseline and comes back above it; the dip counts when its lowest frame had neither eye above
 * {@code blinkWinkRatio} of baseline (both eyes take part: not a wink) and was closed enough, either
 * <ul>
 * <li>below {@code blinkClosedRatio} of the baseline, or</li>
 * <li>below {@code blinkClosedRatio} of the eyes' own open level around the blink (the highest mean openness in the
 *     {@code blinkOpenLevelMillis} before it, or the reopened frame) and below {@code blinkNearClosedRatio} of the
 *     baseline: a person whose eyes are wider open than at baseline just before blinking closes them as far in
 *     proportion, and a blink caught at 0.516 of baseline against a fixed 0.5 is still a blink.</li>
 * </ul>
 * One closed frame suffices (a 100-150 ms blink at 8-10 fps), and a deliberate closure held for seconds also counts
 * as long as it reopens before the challenge times out. A glance down that narrows both eyes a little does not.
 */
final class BlinkDetector<T> extends ActionDetector<T> {
    private record Open(long ts, double mean) {}

    private final Deque<Open> recentOpen = new ArrayDeque<>();
    private KeptFrame<T> closed;
    private double minOpen = Double.POSITIVE_INFINITY;
    private KeptFrame<T> reopened;
    /** In a dip: its lowest mean, whether that frame had both eyes taking part, the open level before it. */
    private boolean dipping, dipBoth;
    private double dipMin, dipOpenLevel;
    private KeptFrame<T> dipFrame;

    BlinkDetector(Baseline b, LivenessConfig cfg, long promptedAt) {
        super(Challenge.BLINK, b, cfg, promptedAt);
    }

    @Override
    GuidanceReason observe(long ts, FaceObservation o, T frame) {
        double base = baseline.eyeOpenness();
        double openAbove = config.blinkReopenRatio() * base;
        double mean = o.eyes().mean();
        // Both eyes: neither still fully open (that would be a wink). Requiring each eye below the closed level missed
        // real blinks: at 10-25 degrees of yaw the far eye's openness reads 0.7-0.85 mid-blink while the near eye
        // reads 0.1-0.2 (FG-NET franck, LivePortrait d13).
        boolean both = Math.max(o.eyes().leftOpen(), o.eyes().rightOpen()) < config.blinkWinkRatio() * base;
        if (!armed) {
            if (mean < openAbove) return GuidanceReason.OPEN_EYES; // eyes already shut when prompted
            armed = true;
            remember(ts, mean);
            return null;
        }
        if (mean < openAbove) {
            if (!dipping) {
                dipping = true;
                dipMin = Double.POSITIVE_INFINITY;
                dipOpenLevel = recentOpen.stream().mapToDouble(Open::mean).max().orElse(base);
            }
            if (mean < dipMin) {
                dipMin = mean;
                dipBoth = both;
                dipFrame = keep(ts, KeepReason.EYES_CLOSED, o, frame);
            }
            if (mean < minOpen) minOpen = mean; // partial closures are reported too
            return closedEnough(dipOpenLevel) ? GuidanceReason.OPEN_EYES : null;
        }
        if (dipping) {
            dipping = false;
            if (closedEnough(Math.max(dipOpenLevel, mean))) {
                closed = dipFrame;
                minOpen = dipMin;
                reopened = keep(ts, KeepReason.EYES_REOPENED, o, frame);
                completedAt = ts;
                return null;
            }
            recentOpen.clear(); // a partial closure: the open level is measured afresh after it
        }
        remember(ts, mean);
        return null;
    }

    private boolean closedEnough(double openLevel) {
        if (!dipBoth) return false;
        double base = baseline.eyeOpenness();
        return dipMin < config.blinkClosedRatio() * base
                || (dipMin < config.blinkClosedRatio() * openLevel && dipMin < config.blinkNearClosedRatio() * base);
    }

    private void remember(long ts, double mean) {
        recentOpen.addLast(new Open(ts, mean));
        while (!recentOpen.isEmpty() && ts - recentOpen.peekFirst().ts() > config.blinkOpenLevelMillis())
            recentOpen.removeFirst();
    }

    @Override
    List<KeptFrame<T>> kept() { return present(closed != null ? closed : dipFrame, reopened); }

    @Override
    ChallengeOutcome outcome(ChallengeStatus status) {
        Double min = Double.isInfinite(minOpen) ? null : minOpen;
        Double depth = min == null ? null : 1 - min / baseline.eyeOpenness();
        return outcome(status, null, null, min, depth, null, null, null);
    }
}
