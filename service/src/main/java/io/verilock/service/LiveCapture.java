package io.verilock.service;

import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.AnalyzerLender;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.Guidance;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.LivenessSession;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * One session's active capture in progress: the engine's {@link LivenessSession} with the session's randomized plan.
 * Frames are processed one at a time and timed by the server's clock when their turn comes, never by the device's
 * (a client can lie). Kept frames carry their JPEG bytes until finalisation stores them as evidence.
 */
final class LiveCapture {
    final String sessionId;
    final String organisationId;
    private final LivenessSession<byte[]> session;
    private final long startedMillis;
    private volatile long lastFrameMillis;
    private boolean finalised;

    LiveCapture(String sessionId, String organisationId, ChallengePlan plan, LivenessConfig config,
                AnalyzerLender analyzers, long nowMillis) {
        this.sessionId = sessionId;
        this.organisationId = organisationId;
        this.session = new LivenessSession<>(plan, config, analyzers);
        this.startedMillis = nowMillis;
        this.lastFrameMillis = nowMillis;
    }

    /**
     * Analyses and feeds one frame unless the capture is over or has had {@code maxFrames} already (then null): the
     * whole step, from reading the clock to the verifier, holds this capture's lock.
     */
    synchronized Guidance accept(LongSupplier clock, byte[] jpeg, int maxFrames) throws ImageInputException {
        if (finalised || session.frames() >= maxFrames) return null;
        long now = clock.getAsLong();
        Guidance g = session.accept(now - startedMillis, jpeg, jpeg).guidance();
        lastFrameMillis = now;
        return g;
    }

    synchronized Guidance guidance() { return session.guidance(); }

    synchronized Guidance abandon(long nowMillis) { return session.abandon(nowMillis - startedMillis); }

    /** The decision and its kept frames' JPEG bytes in the order of the result's frame reports. */
    synchronized Outcome outcome() {
        return new Outcome(session.result(), session.evidence().kept().stream().map(k -> k.frame()).toList());
    }

    record Outcome(LivenessResult result, List<byte[]> keptFrames) {}

    long idleMillis(long nowMillis) { return nowMillis - lastFrameMillis; }

    /** True for the one caller that may finalise. */
    synchronized boolean claimFinalisation() {
        if (finalised) return false;
        finalised = true;
        return true;
    }
}
