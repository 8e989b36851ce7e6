package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.Guidance;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.LivenessScorer;
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
    private final AnalyzerPool analyzers;
    private final TestHooks hooks;
    private final Clock clock;
    private final Map<String, LiveCapture> captures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "verilock-capture-sweeper");
        t.setDaemon(true);
        return t;
    });

    CaptureApi(Sessions sessions, EvidenceStore evidence, SessionFinalizer finalizer, ServiceMetrics metrics,
               AnalyzerPool analyzers, TestHooks hooks, Clock clock) {
        this.sessions = sessions;
        this.evidence = evidence;
        this.finalizer = finalizer;
        this.metrics = metrics;
        this.analyzers = analyzers;
        this.hooks = hooks;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::abandonIdle, 5, 5, TimeUnit.SECONDS);
    }

    /** POST /v1/client/capture: starts (or resumes) the active capture; answers with the first guidance. */
    void start(Context ctx) {
        Session s = openSelfieSession(ctx, "active");
        LiveCapture capture = captures.computeIfAbsent(s.id(), id -> new LiveCapture(id, s.organisationId(),
                plan(s, ctx), LivenessConfig.defaults().withThreshold(s.profile().livenessThreshold()), analyzers,
                clock.millis()));
        ctx.json(guidanceJson(capture.guidance(), capture));
    }

    /** POST /v1/client/capture/frames: body = one camera frame (JPEG); answers with live guidance. */
    void frame(Context ctx) throws ImageInputException {
        ClientTokens.Grant g = Auth.grant(ctx);
        LiveCapture capture = captures.get(g.sessionId());
        if (capture == null) throw ApiError.conflict("capture_not_started", "Start the capture first: POST /v1/client/capture");
        byte[] jpeg = frameBytes(ctx);
        if (evidence.seen(Secrets.sha256Hex(jpeg))) {
            throw ApiError.conflict("duplicate_evidence", "This exact frame was already submitted: replayed captures are refused");
        }
        long t0 = System.nanoTime();
        Guidance guidance = capture.accept(clock::millis, jpeg, MAX_FRAMES);
        if (guidance == null) {
            finish(capture, capture.abandon(clock.millis()));
            throw ApiError.conflict("capture_finished", "Too many frames, or the capture has ended");
        }
        metrics.frameAnalysed(Duration.ofNanos(System.nanoTime() - t0));
        if (guidance.finished()) finish(capture, guidance);
        ctx.json(guidanceJson(guidance, capture));
    }

    /** POST /v1/client/selfie: passive mode, body = one photo; the session is decided at once. */
    void passive(Context ctx) throws ImageInputException {
        Session s = openSelfieSession(ctx, "passive");
        byte[] photo = frameBytes(ctx);
        LivenessConfig config = LivenessConfig.defaults().withThreshold(s.profile().livenessThreshold());
        long t0 = System.nanoTime();
        FrameAnalysis analysis = analyzers.with(a -> a.analyzeBytes(photo));
        metrics.frameAnalysed(Duration.ofNanos(System.nanoTime() - t0));
        LivenessResult result = new LivenessScorer(config).scorePassive(analysis);
        int n = evidence.store(s.organisationId(), s.id(), "selfie_photo", photo).n();
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

    /** Stores the kept frames as evidence and finalises the session with the engine's decision, exactly once. */
    private void finish(LiveCapture capture, Guidance guidance) {
        if (!capture.claimFinalisation()) return;
        captures.remove(capture.sessionId);
        LiveCapture.Outcome outcome = capture.outcome();
        // Each kept frame's report in the analysis names the evidence file it became, for the dashboard.
        SelfieResult selfie = SelfieResults.of(outcome.result());
        JsonNode reports = selfie.analysis().path("frames");
        int repeated = 0;
        for (int i = 0; i < outcome.keptFrames().size(); i++) {
            Integer n = null;
            try {
                n = evidence.store(capture.organisationId, capture.sessionId, "selfie_frame", outcome.keptFrames().get(i)).n();
            } catch (ApiError e) {
                repeated++; // an identical frame kept twice: stored once
            }
            if (reports.get(i) instanceof ObjectNode report) report.put("evidence_n", n);
        }
        if (repeated > 0) log.warn("capture kept {} byte-identical frames", repeated);
        try {
            finalizer.finalise(capture.sessionId, selfie, outcome.result().failure());
        } catch (ApiError e) {
            log.warn("capture of {} could not be finalised: {}", capture.sessionId, e.getMessage());
        }
    }

    private void abandonIdle() {
        long now = clock.millis();
        for (LiveCapture c : captures.values()) {
            if (c.idleMillis(now) > IDLE_LIMIT.toMillis()) {
                try {
                    finish(c, c.abandon(now));
                } catch (RuntimeException e) {
                    log.warn("abandoning capture {} failed", c.sessionId, e);
                }
            }
        }
    }

    private static ObjectNode guidanceJson(Guidance g, LiveCapture capture) {
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
