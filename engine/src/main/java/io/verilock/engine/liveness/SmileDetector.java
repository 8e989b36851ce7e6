package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

import java.util.List;

/**
 * Smile: at least {@code smileHoldFrames} consecutive frames spanning {@code smileHoldMillis}, the first at least
 * {@code smileRise} above the subject's baseline smile and at least {@code smileMinPeak} absolute, the rest at least
 * at the hold levels {@code smileHoldRise} and {@code smileHoldMinPeak}. The rise is measured from the subject's own neutral face, so a person who
 * looks cheerful at rest must still visibly change.
 */
final class SmileDetector<T> extends ActionDetector<T> {
    private KeptFrame<T> onset;
    private KeptFrame<T> peak;
    private double peakSmile = Double.NEGATIVE_INFINITY;
    private int run;

    SmileDetector(Baseline b, LivenessConfig cfg, long promptedAt) {
        super(Challenge.SMILE, b, cfg, promptedAt);
    }

    @Override
    GuidanceReason observe(long ts, FaceObservation o, T frame) {
        double smile = o.smile();
        double rise = smile - baseline.smile();
        if (!armed) {
            if (rise >= config.smileRise() / 2) return GuidanceReason.RELAX_FACE; // already smiling at the prompt
            armed = true;
            return null;
        }
        // Hysteresis: a smile starts at the entry levels and, once on, is held down to the lower hold levels, so one
        // frame reading just under the entry floor does not break a held smile.
        boolean smiling = run == 0 ? rise >= config.smileRise() && smile >= config.smileMinPeak()
                : rise >= config.smileHoldRise() && smile >= config.smileHoldMinPeak();
        if (!smiling) {
            run = 0;
            if (onset == null && smile > peakSmile) peakSmile = smile; // best attempt so far, for the analysis
            return rise >= config.smileRise() / 3 ? GuidanceReason.SMILE_WIDER : null;
        }
        if (run == 0) {
            onset = keep(ts, KeepReason.SMILE_ONSET, o, frame);
            peak = null;
            peakSmile = smile;
        } else if (smile >= peakSmile) {
            peakSmile = smile;
            peak = keep(ts, KeepReason.SMILE_PEAK, o, frame);
        }
        run++;
        if (run >= config.smileHoldFrames() && ts - onset.timestampMillis() >= config.smileHoldMillis()) {
            if (peak == null) peak = keep(ts, KeepReason.SMILE_PEAK, o, frame);
            completedAt = ts;
        }
        return null;
    }

    @Override
    List<KeptFrame<T>> kept() { return present(onset, peak); }

    @Override
    ChallengeOutcome outcome(ChallengeStatus status) {
        Double p = Double.isInfinite(peakSmile) ? null : peakSmile;
        return outcome(status, null, null, null, null, p, p == null ? null : p - baseline.smile(), null);
    }
}
