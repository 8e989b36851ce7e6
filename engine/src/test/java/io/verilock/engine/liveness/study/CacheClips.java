package io.verilock.engine.liveness.study;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;

/** Analyses every genuine clip once into {@link AnalysisCache} (a few minutes); the motion studies then read it. */
public final class CacheClips {
    public static void main(String[] args) throws Exception {
        try (FaceAnalyzer analyzer = FaceAnalyzers.open(1)) {
            for (GenuineClips c : GenuineClips.ALL) {
                long t0 = System.nanoTime();
                int n = AnalysisCache.analyse(analyzer, c.path(), c.frames(GenuineClips.data())).size();
                System.out.printf("%s: %d frames in %.0f s%n", c.name(), n, (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}
