package io.verilock.service;

import io.verilock.engine.face.AnalysisCodec;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Texture;
import io.verilock.engine.liveness.AnalyzerLender;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's copy of one session's active capture: the engine's {@link LivenessSession}, fed the frames stored
 * in the database ({@link CaptureStore}) in their order. Frames are numbered from 1; the session's frame handle is
 * that number, and a frame held as possible evidence maps to the evidence file its bytes became. Not thread-safe:
 * {@link CaptureApi} holds the object's lock for a whole frame, from catching up to storing.
 */
final class LiveCapture {
    final String sessionId;
    final String organisationId;
    final LivenessSession<Integer> session;
    /** Server clock (epoch ms) at the start: capture times count from here. */
    final long startedMillis;
    private final Map<Integer, Integer> evidenceOf = new HashMap<>();
    private int frames;
    private long lastAt;
    private volatile long lastFrameMillis;
    private boolean finalised;
    private boolean discarded;

    LiveCapture(CaptureStore.Head head, AnalyzerLender analyzers) {
        this.sessionId = head.sessionId();
        this.organisationId = head.organisationId();
        List<Challenge> order = Arrays.stream(head.plan().split(",")).map(Challenge::fromCode).toList();
        LivenessConfig config = LivenessConfig.defaults().withThreshold(head.threshold());
        this.session = new LivenessSession<>(ChallengePlan.fixed(order), config, analyzers);
        this.startedMillis = head.startedAtMillis();
        this.lastFrameMillis = head.lastFrameAtMillis();
    }

    static String planCodes(ChallengePlan plan) {
        return String.join(",", plan.order().stream().map(Challenge::code).toList());
    }

    /** Feeds the frames another instance (or this one before a restart) stored since this copy's last. */
    void catchUp(List<CaptureStore.Frame> stored, long lastFrameAtMillis) {
        for (CaptureStore.Frame f : stored) {
            if (f.seq() != frames + 1) throw new IllegalStateException("capture " + sessionId + ": frame " + f.seq() + " after " + frames);
            FrameAnalysis a = AnalysisCodec.decode(f.analysis());
            Texture t = a.faces().isEmpty() || !a.faces().get(0).texture().measured() ? null : a.faces().get(0).texture();
            session.acceptAnalysed(f.atMillis(), a, f.seq(), t);
            applied(f.seq(), f.atMillis(), f.evidenceSeq(), lastFrameAtMillis);
        }
    }

    /** Records that frame {@code seq} is stored and fed. */
    void applied(int seq, long atMillis, Integer evidenceSeq, long nowMillis) {
        frames = seq;
        lastAt = atMillis;
        if (evidenceSeq != null) evidenceOf.put(seq, evidenceSeq);
        lastFrameMillis = nowMillis;
    }

    /** The record to store for a frame: its analysis with the texture measured on it when it is held. */
    static byte[] record(LivenessSession.Step step) {
        FrameAnalysis a = step.analysis();
        if (step.texture() == null || a.faces().isEmpty()) return AnalysisCodec.encode(a);
        List<FaceObservation> faces = new ArrayList<>(a.faces());
        faces.set(0, faces.get(0).withTexture(step.texture()));
        return AnalysisCodec.encode(new FrameAnalysis(a.width(), a.height(), faces, a.framesSinceDetection()));
    }

    /** The next frame's capture time: the server clock from the start, never before the previous frame's. */
    long nextAt(long nowMillis) { return Math.max(nowMillis - startedMillis, lastAt); }

    int frames() { return frames; }

    /** The evidence number of a kept frame, or null. */
    Integer evidenceOf(int seq) { return evidenceOf.get(seq); }

    long idleMillis(long nowMillis) { return nowMillis - lastFrameMillis; }

    boolean finalised() { return finalised; }

    /** Marks this copy as no longer matching the database (a frame failed half-way); a fresh one replaces it. */
    void discard() { discarded = true; }

    boolean discarded() { return discarded; }

    /** True for the one caller that may finalise. */
    boolean claimFinalisation() {
        if (finalised) return false;
        finalised = true;
        return true;
    }
}
