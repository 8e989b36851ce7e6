package io.verilock.engine.liveness;

import io.verilock.engine.face.FrameAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Study helper in the liveness package (MotionTrack is package-private). Never used by the test suite. */
public final class MotionStudyProbe {
    private MotionStudyProbe() {}

    /**
     * Every short run of jumps (at most {@code maxRun} transitions at or above {@code minJump}) with both flanks known,
     * in a sequence of frames at the given timestamps: {ts, jump, before, after}. Frames without exactly one face are
     * left out (as the verifier leaves them out of its track).
     */
    public static List<double[]> shortRuns(List<FrameAnalysis> frames, List<Long> ts, double minJump, int maxRun,
                                           long flank) {
        MotionTrack t = new MotionTrack(100_000);
        for (int i = 0; i < frames.size(); i++) {
            FrameAnalysis a = frames.get(i);
            if (a.faces().size() != 1) continue;
            t.add(ts.get(i), a.faces().get(0).landmarks());
        }
        List<MotionTrack.Point> points = t.points();
        TreeMap<Long, double[]> out = new TreeMap<>();
        for (int k = 1; k < points.size(); k++) {
            // still rate 1: every short run with known flanks comes back as "discontinuous", with its flanks
            MotionTrack.Verdict v = MotionTrack.judge(points, points.get(k - 1).ts(), points.get(k).ts(), minJump, maxRun, 1.0, flank);
            if (v.discontinuous()) out.putIfAbsent(v.atMillis(), new double[] {v.atMillis(), v.jump(), v.before(), v.after()});
        }
        return new ArrayList<>(out.values());
    }

    /** All transition rates (IOD per 100 ms) of the sequence. */
    public static double[] rates(List<FrameAnalysis> frames, List<Long> ts) {
        MotionTrack t = new MotionTrack(100_000);
        for (int i = 0; i < frames.size(); i++)
            if (frames.get(i).faces().size() == 1) t.add(ts.get(i), frames.get(i).faces().get(0).landmarks());
        return t.steps().stream().mapToDouble(MotionTrack.Step::rate).toArray();
    }

    /**
     * How many times a challenge's detector completes over a whole clip when watched continuously (a fresh detector
     * after each completion), against a baseline of the clip's median yaw, pitch and eye openness and its 25th
     * percentile smile. Frames without exactly one face are skipped.
     */
    public static int countActions(List<FrameAnalysis> frames, List<Long> ts, Challenge c, LivenessConfig cfg) {
        List<io.verilock.engine.face.FaceObservation> faces = frames.stream().filter(f -> f.faces().size() == 1)
                .map(f -> f.faces().get(0)).toList();
        if (faces.isEmpty()) return 0;
        double[] smiles = faces.stream().mapToDouble(io.verilock.engine.face.FaceObservation::smile).sorted().toArray();
        Baseline b = new Baseline(ChallengeVerifier.median(faces.stream().mapToDouble(f -> f.pose().yaw()).toArray()),
                ChallengeVerifier.median(faces.stream().mapToDouble(f -> f.pose().pitch()).toArray()),
                ChallengeVerifier.median(faces.stream().mapToDouble(f -> f.eyes().mean()).toArray()),
                smiles[smiles.length / 4], faces.size(), 0);
        int count = 0;
        ActionDetector<Void> d = ActionDetector.of(c, b, cfg, -1);
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).faces().size() != 1) continue;
            d.observe(ts.get(i), frames.get(i).faces().get(0), null);
            if (d.complete()) {
                count++;
                d = ActionDetector.of(c, b, cfg, ts.get(i));
            }
        }
        return count;
    }
}
