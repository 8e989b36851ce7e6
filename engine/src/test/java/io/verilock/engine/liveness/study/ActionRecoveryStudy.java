package io.verilock.engine.liveness.study;

import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.MotionStudyProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many natural blinks and smiles the detectors see in each genuine clip of ../shared/data at ~10 fps, watched
 * continuously, with the hysteresis (blink against the eyes' own open level, smile held down to its hold levels) and
 * without it (the rules before issue #11). Run after CacheClips:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.verilock.engine.liveness.study.ActionRecoveryStudy
 * </pre>
 */
public final class ActionRecoveryStudy {
    public static void main(String[] args) throws Exception {
        LivenessConfig now = LivenessConfig.defaults();
        LivenessConfig before = now.withoutHysteresis();
        int[] total = new int[4];
        System.out.println("clip\tblinks before\tblinks now\tsmiles before\tsmiles now");
        for (GenuineClips c : GenuineClips.ALL) {
            List<FrameAnalysis> all = AnalysisCache.analyse(null, c.path(), c.frames(GenuineClips.data()));
            List<FrameAnalysis> frames = new ArrayList<>();
            List<Long> ts = new ArrayList<>();
            for (int i = 0; i < all.size(); i += c.step()) {
                frames.add(all.get(i));
                ts.add(Math.round(i * 1000 / c.fps()));
            }
            int[] n = {MotionStudyProbe.countActions(frames, ts, Challenge.BLINK, before),
                    MotionStudyProbe.countActions(frames, ts, Challenge.BLINK, now),
                    MotionStudyProbe.countActions(frames, ts, Challenge.SMILE, before),
                    MotionStudyProbe.countActions(frames, ts, Challenge.SMILE, now)};
            for (int k = 0; k < 4; k++) total[k] += n[k];
            System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d%n", c.name(), n[0], n[1], n[2], n[3]);
        }
        System.out.printf(Locale.ROOT, "ALL\t%d\t%d\t%d\t%d%n", total[0], total[1], total[2], total[3]);
    }
}
