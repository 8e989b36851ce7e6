package io.verilock.service;

import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.ChallengeVerifier;
import io.verilock.engine.liveness.Guidance;
import io.verilock.engine.liveness.LivenessConfig;

/**
 * One session's active capture in progress: the engine's verifier with the session's randomized plan, fed frames in
 * the order the server receives them. Times are the server's clock, never the device's: a client can lie.
 * Kept frames carry their JPEG bytes until finalisation stores them as evidence.
 */
final class LiveCapture {
    final String sessionId;
    final String organisationId;
    final LivenessConfig config;
    private final ChallengeVerifier<byte[]> verifier;
    private final long startedMillis;
    private FrameAnalysis previous;
    private long lastFrameMillis;
    private int frames;
    private boolean finalised;

    LiveCapture(String sessionId, String organisationId, ChallengePlan plan, LivenessConfig config, long nowMillis) {
        this.sessionId = sessionId;
        this.organisationId = organisationId;
        this.config = config;
        this.verifier = new ChallengeVerifier<>(plan, config);
        this.startedMillis = nowMillis;
        this.lastFrameMillis = nowMillis;
    }

    /** The analysis of the last frame, so the analyzer can follow the face (tracking) into this one. */
    synchronized FrameAnalysis previous() { return previous; }

    synchronized Guidance accept(long nowMillis, FrameAnalysis analysis, byte[] jpeg) {
        previous = analysis;
        lastFrameMillis = nowMillis;
        frames++;
        return verifier.accept(nowMillis - startedMillis, analysis, jpeg);
    }

    synchronized Guidance guidance() { return verifier.guidance(); }

    synchronized Guidance abandon(long nowMillis) { return verifier.abandon(nowMillis - startedMillis); }

    synchronized io.verilock.engine.liveness.Evidence<byte[]> evidence() { return verifier.evidence(); }

    synchronized long idleMillis(long nowMillis) { return nowMillis - lastFrameMillis; }

    synchronized int frames() { return frames; }

    /** True for the one caller that may finalise. */
    synchronized boolean claimFinalisation() {
        if (finalised) return false;
        finalised = true;
        return true;
    }
}
