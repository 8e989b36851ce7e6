package io.verilock.engine.liveness;

import io.verilock.engine.face.FrameAnalysis;

import java.util.ArrayList;
import java.util.List;

/** A recorded-like sequence of synthetic frames at a fixed frame rate, and how to act out each challenge. */
final class Script {
    final double fps;
    final List<FrameAnalysis> frames = new ArrayList<>();

    Script(double fps) { this.fps = fps; }

    Script add(SyntheticFace f) { frames.add(f.frame()); return this; }

    Script add(FrameAnalysis f) { frames.add(f); return this; }

    Script hold(int n, SyntheticFace f) { for (int i = 0; i < n; i++) add(f); return this; }

    Script neutral(int n) { return hold(n, SyntheticFace.neutral()); }

    /** A person performing the challenge at a natural pace and coming back to neutral. */
    Script act(Challenge c) { return act(c, SyntheticFace.neutral()); }

    Script act(Challenge c, SyntheticFace rest) {
        switch (c) {
            case HEAD_LEFT, HEAD_RIGHT -> {
                double s = c == Challenge.HEAD_LEFT ? -1 : 1;
                for (double y : new double[]{8, 17, 26, 30, 28, 18, 8, 2}) add(rest.yaw(s * y));
            }
            case BLINK -> { add(rest); add(rest.eyes(0.1)); add(rest); }
            case SMILE -> { for (double v : new double[]{0.3, 0.7, 0.85, 0.85, 0.8, 0.8, 0.75, 0.4}) add(rest.smile(v)); add(rest); }
        }
        return neutral(2);
    }

    long ts(int i) { return Math.round(i * 1000 / fps); }

    <T> ChallengeVerifier<T> run(ChallengeVerifier<T> v) {
        for (int i = 0; i < frames.size() && !v.guidance().finished(); i++) v.accept(ts(i), frames.get(i));
        return v;
    }

    /** Runs and then, if still unfinished, keeps feeding neutral frames until the verifier stops (timeout). */
    <T> ChallengeVerifier<T> runToEnd(ChallengeVerifier<T> v) {
        run(v);
        for (int i = frames.size(); !v.guidance().finished() && i < frames.size() + 10_000; i++)
            v.accept(ts(i), SyntheticFace.neutral().frame());
        return v;
    }
}
