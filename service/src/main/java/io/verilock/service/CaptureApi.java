package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.image.PixelFingerprint;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.AnalyzerLender;
import io.verilock.engine.liveness.Guidance;
import io.verilock.engine.liveness.KeptFrame;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.LivenessScorer;
import io.verilock.engine.liveness.LivenessSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The selfie capture protocol for the SDK (client token): plain HTTP, one request per frame, so a dropped connection
 * resumes with the next request. The server issues the prompts, verifies every challenge from the frames itself and
 * finalises the session; the device never learns its score. Protocol: docs/CAPTURE.md.
 */
final class CaptureApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaptureApi.class);
    /** A frame is a JPEG or PNG of at most 2 MiB (the SDK sends about 40-80 KB at 640 px). */
    static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;
    /** More frames than a full sequence ever needs at 15 fps; past this the capture fails. */
    static final int MAX_FRAMES = 1500;
    /** A capture with no frame for this long is abandoned and the session declined. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(45);

    private final Sessions sessions;
    private final EvidenceStore evidence;
    private final SessionFinalizer finalizer;
    private final ServiceMetrics metrics;
    private final AnalyzerLender analyzers;
    private final TestHooks hooks;
    private final ReplayGuard replays;
    private final Clock clock;
    private final CaptureStore store;
    /** This instance's copies of captures in progress; the database holds the truth (CaptureStore). */
    private final Map<String, LiveCapture> captures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "verilock-capture-sweeper");
        t.setDaemon(true);
        return t;
    });

    CaptureApi(Sessions sessions, CaptureStore store, EvidenceStore evidence, SessionFinalizer finalizer,
               ServiceMetrics metrics, AnalyzerLender analyzers, TestHooks hooks, ReplayGuard replays, Clock clock) {
        this.sessions = sessions;
        this.store = store;
        this.evidence = evidence;
        this.finalizer = finalizer;
        this.metrics = metrics;
        this.analyzers = analyzers;
        this.hooks = hooks;
        this.replays = replays;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::abandonIdle, 5, 5, TimeUnit.SECONDS);
    }

    /** POST /v1/client/capture: starts (or resumes) the active capture; answers with the current guidance. */
    void start(Context ctx) {
        Session s = openSelfieSession(ctx, "active");
        LiveCapture capture = capture(s.id());
        if (capture == null) {
            long now = clock.millis();
            store.create(new CaptureStore.Head(s.id(), s.organisationId(), LiveCapture.planCodes(plan(s, ctx)),
                    s.profile().livenessThreshold(), now, 0, now)); // false: another request started it first
            capture = capture(s.id());
        }
        synchronized (capture) {
            catchUp(capture);
            ctx.json(guidanceJson(capture.session.guidance()));
        }
    }

    /**
     * POST /v1/client/capture/frames: body = one camera frame (JPEG); answers with live guidance once the frame is
     * stored. The frame is processed under the capture's lock after catching up with frames other instances stored;
     * it is answered only once its record (and, for a frame held as possible evidence, its bytes) is durable.
     */
    void frame(Context ctx) throws ImageInputException {
        ClientTokens.Grant g = Auth.grant(ctx);
        byte[] jpeg = frameBytes(ctx);
        LiveCapture capture = capture(g.sessionId());
        if (capture == null) throw ApiError.conflict("capture_not_started", "Start the capture first: POST /v1/client/capture");
        // The same picture as in another session of the organisation, in whatever file: the capture is a replay,
        // and it ends here, declined.
        PixelFingerprint fp = replays.fingerprint(jpeg);
        try {
            replays.claim(capture.organisationId, capture.sessionId, "selfie_frame", fp);
        } catch (ApiError replayed) {
            synchronized (capture) {
                catchUp(capture);
                finish(capture, capture.session.abandon(capture.nextAt(clock.millis())), REPLAYED);
            }
            throw replayed;
        }
        synchronized (capture) {
            if (capture.discarded()) { // a frame before this one failed half-way: take the rebuilt copy
                throw ApiError.conflict("frame_conflict", "Another frame of this capture failed at the same time; send the next frame");
            }
            catchUp(capture);
            if (capture.finalised() || capture.session.guidance().finished()) {
                finish(capture, capture.session.guidance());
                throw ApiError.conflict("capture_finished", "The capture has ended");
            }
            if (capture.frames() >= MAX_FRAMES) {
                finish(capture, capture.session.abandon(capture.nextAt(clock.millis())));
                throw ApiError.conflict("capture_finished", "Too many frames; the capture has ended");
            }
            Guidance guidance;
            try {
                guidance = step(capture, jpeg);
            } catch (RuntimeException | ImageInputException e) {
                discard(capture); // this copy may hold a frame that was not stored: the next request rebuilds it
                throw e;
            }
            if (guidance.finished()) finish(capture, guidance);
            ctx.json(guidanceJson(guidance));
        }
    }

    /** Analyses, stores and feeds one frame; the caller holds the capture's lock. */
    private Guidance step(LiveCapture capture, byte[] jpeg) throws ImageInputException {
        long now = clock.millis();
        long at = capture.nextAt(now);
        int seq = capture.frames() + 1;
        long t0 = System.nanoTime();
        LivenessSession.Step step = capture.session.accept(at, jpeg, seq);
        metrics.frameAnalysed(Duration.ofNanos(System.nanoTime() - t0));
        Integer evidenceSeq = step.held()
                ? evidence.store(capture.organisationId, capture.sessionId, "selfie_frame", jpeg).n() : null;
        byte[] record = LiveCapture.record(step);
        long t1 = System.nanoTime();
        boolean stored = store.append(capture.sessionId, new CaptureStore.Frame(seq, at, record, evidenceSeq), now);
        metrics.captureFrameStored(record.length, Duration.ofNanos(System.nanoTime() - t1));
        if (!stored) {
            throw ApiError.conflict("frame_conflict", "Another frame of this capture was processed at the same time; send the next frame");
        }
        capture.applied(seq, at, evidenceSeq, now);
        return step.guidance();
    }

    /** This instance's copy of a capture, rebuilt from the database when it has none; null if not started. */
    private LiveCapture capture(String sessionId) {
        LiveCapture c = captures.get(sessionId);
        if (c != null) return c;
        CaptureStore.Head head = store.head(sessionId).orElse(null);
        if (head == null) return null;
        LiveCapture loaded = new LiveCapture(head, analyzers);
        LiveCapture raced = captures.putIfAbsent(sessionId, loaded);
        return raced != null ? raced : loaded;
    }

    private void discard(LiveCapture capture) {
        capture.discard();
        captures.remove(capture.sessionId, capture);
    }

    private void catchUp(LiveCapture capture) {
        capture.catchUp(store.framesAfter(capture.sessionId, capture.frames()), clock.millis());
    }

    /** Photos a passive selfie may take: retakes asked for by the quality gate, then the last is decided. */
    static final int MAX_PASSIVE_PHOTOS = 3;

    /**
     * POST /v1/client/selfie: passive mode, body = one photo. The session is decided at once, unless the photo
     * needs a retake ({@code analysis.quality}): then {@code state: "retake"} with the guidance reason, and the next
     * photo is awaited (at most {@link #MAX_PASSIVE_PHOTOS} in all).
     */
    void passive(Context ctx) throws ImageInputException {
        Session s = openSelfieSession(ctx, "passive");
        byte[] photo = frameBytes(ctx);
        // Before the full analysis: a replayed photo costs a decode, not an analysis.
        replays.claim(s.organisationId(), s.id(), "selfie_photo", replays.fingerprint(photo));
        LivenessConfig config = LivenessConfig.defaults().withThreshold(s.profile().livenessThreshold());
        long t0 = System.nanoTime();
        FrameAnalysis analysis = analyzers.with(a -> a.analyzeBytes(photo));
        metrics.frameAnalysed(Duration.ofNanos(System.nanoTime() - t0));
        LivenessResult result = new LivenessScorer(config).scorePassive(analysis);
        int n = evidence.store(s.organisationId(), s.id(), "selfie_photo", photo).n();
        var quality = result.analysis().quality();
        if (quality != null && quality.retake() && n < MAX_PASSIVE_PHOTOS) {
            // A photo the anti-spoofing model cannot judge (face too small or too large, turned away, dark...) is
            // not a verdict: the person is asked for another, up to MAX_PASSIVE_PHOTOS; the last one is decided
            // as it is (its score stays in the review band). Every photo is kept as evidence.
            List<String> reasons = quality.reasons().stream().map(r -> r.code()).toList();
            ctx.json(Map.of("state", "retake", "finished", false, "reason", reasons.get(0), "reasons", reasons,
                    "attempts_left", MAX_PASSIVE_PHOTOS - n));
            return;
        }
        SelfieResult selfie = SelfieResults.of(result);
        if (selfie.analysis().path("frames").get(0) instanceof ObjectNode report) report.put("evidence_n", n);
        finalizer.finalise(s.id(), selfie);
        ctx.json(Map.of("state", "done", "finished", true));
    }

    private Session openSelfieSession(Context ctx, String mode) {
        ClientTokens.Grant g = Auth.grant(ctx);
        Session s = sessions.find(g.organisationId(), g.sessionId(), clock.instant()).orElseThrow(() -> ApiError.notFound("Session"));
        if (!s.profile().hasStep("selfie")) throw ApiError.conflict("step_not_in_profile", "This session has no selfie step");
        if (!s.isOpen()) throw ApiError.conflict("session_closed", "The session is " + s.status());
        if (!mode.equals(s.profile().livenessMode())) {
            throw ApiError.conflict("wrong_liveness_mode", "This session uses " + s.profile().livenessMode() + " liveness");
        }
        return s;
    }

    /** A fresh cryptographically random order per session; fixed only under test hooks. */
    private ChallengePlan plan(Session s, Context ctx) {
        List<Challenge> subset = s.profile().livenessChallenges().stream().map(Challenge::fromCode).toList();
        if (hooks.fixedChallengeOrder() && !ctx.body().isBlank()) {
            JsonNode order = Json.parseBody(ctx.body()).path("order");
            if (order.isArray() && !order.isEmpty()) {
                List<Challenge> fixed = new ArrayList<>();
                for (JsonNode c : order) {
                    if (!Profile.CHALLENGES.contains(c.asText())) throw ApiError.invalid("unknown_challenge", "Unknown challenge " + c, "order");
                    fixed.add(Challenge.fromCode(c.asText()));
                }
                return ChallengePlan.fixed(fixed);
            }
        }
        return ChallengePlan.random(subset);
    }

    private static byte[] frameBytes(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) throw ApiError.badRequest("empty_body", "The request body must be the frame's JPEG bytes", null);
        if (bytes.length > MAX_FRAME_BYTES) {
            throw new ApiError(413, "payload_too_large", "Frames are limited to " + MAX_FRAME_BYTES + " bytes", null);
        }
        if (EvidenceStore.imageType(bytes) == null) {
            throw new ApiError(415, "unsupported_media_type", "Only JPEG and PNG images are accepted", "body");
        }
        return bytes;
    }

    /**
     * Finalises the session with the engine's decision, exactly once per instance (a second instance finalising the
     * same capture is refused by the finaliser); the kept frames were stored as evidence when they arrived. The
     * caller holds the capture's lock.
     */
    private void finish(LiveCapture capture, Guidance guidance) {
        finish(capture, guidance, null);
    }

    /** The failure recorded when a capture frame is another session's picture. */
    static final String REPLAYED = "replayed_content";

    /** As {@link #finish(LiveCapture, Guidance)}; {@code failure} (or null) overrides the engine's failure code. */
    private void finish(LiveCapture capture, Guidance guidance, String failure) {
        if (!capture.claimFinalisation()) return;
        LivenessResult result = capture.session.result();
        SelfieResult selfie = SelfieResults.of(result);
        // Each kept frame's report in the analysis names its evidence file, for the dashboard.
        JsonNode reports = selfie.analysis().path("frames");
        List<KeptFrame<Integer>> kept = capture.session.evidence().kept();
        for (int i = 0; i < kept.size(); i++) {
            if (reports.get(i) instanceof ObjectNode report) report.put("evidence_n", capture.evidenceOf(kept.get(i).frame()));
        }
        try {
            finalizer.finalise(capture.sessionId, selfie, failure != null ? failure : result.failure());
        } catch (ApiError e) {
            log.warn("capture of {} could not be finalised: {}", capture.sessionId, e.getMessage());
        } catch (RuntimeException e) {
            discard(capture); // the database failed: a fresh copy finishes it on the next request or sweep
            throw e;
        }
        store.delete(capture.sessionId);
        captures.remove(capture.sessionId);
    }

    /** Abandons captures that had no frame for {@link #IDLE_LIMIT}, whichever instance served them. */
    private void abandonIdle() {
        long now = clock.millis();
        captures.values().removeIf(c -> c.idleMillis(now) > 2 * IDLE_LIMIT.toMillis()); // finished elsewhere
        for (String id : store.idle(now - IDLE_LIMIT.toMillis())) {
            try {
                LiveCapture c = capture(id);
                if (c == null) continue;
                synchronized (c) {
                    if (c.discarded()) continue; // the next sweep takes the rebuilt copy
                    catchUp(c);
                    if (c.idleMillis(now) > IDLE_LIMIT.toMillis()) finish(c, c.session.abandon(c.nextAt(now)));
                }
            } catch (RuntimeException e) {
                log.warn("abandoning capture {} failed", id, e);
            }
        }
    }

    private static ObjectNode guidanceJson(Guidance g) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("state", g.state().code());
        n.put("finished", g.finished());
        if (g.prompt() != null) n.put("prompt", g.prompt().code());
        else n.putNull("prompt");
        n.put("completed", g.completed());
        n.put("total", g.total());
        if (g.reason() != null) n.put("reason", g.reason().code());
        else n.putNull("reason");
        n.put("remaining_ms", g.remainingMillis());
        return n;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
