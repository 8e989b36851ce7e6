package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;

/**
 * The seam between the capture protocol and the service: records a selfie outcome, decides the session's status,
 * spends its client tokens and sends the webhook. The engine decides whether liveness passed; this class only maps
 * that onto the spec's statuses and enforces "finalised once".
 */
public final class SessionFinalizer {
    private static final Logger log = LoggerFactory.getLogger(SessionFinalizer.class);

    private final Database db;
    private final Sessions sessions;
    private final ClientTokens tokens;
    private final Webhooks webhooks;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public SessionFinalizer(Database db, Sessions sessions, ClientTokens tokens, Webhooks webhooks, ServiceMetrics metrics, Clock clock) {
        this.db = db;
        this.sessions = sessions;
        this.tokens = tokens;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Finalises with the engine's result: approved, needs_review or declined. */
    public Session finalise(String sessionId, SelfieResult result) { return finalise(sessionId, result, null); }

    /**
     * As {@link #finalise(String, SelfieResult)}; a non-null {@code failure} ("timeout", "no_face", ...) declines the
     * session whatever the score, and is recorded as {@code analysis.failure}.
     *
     * @throws ApiError 404 for an unknown session; 409 "session_already_finalised", "session_expired" or
     *                  "selfie_not_in_profile" when the session cannot take a selfie result
     */
    public Session finalise(String sessionId, SelfieResult result, String failure) {
        SelfieResult r = failure == null ? result : withFailure(result, failure);
        String status = failure != null ? "declined" : decide(r);
        Instant now = Times.now(clock);
        MDC.put("session_id", sessionId);
        try {
            Session done = db.tx(c -> {
                Session s = sessions.findAnyOrg(c, sessionId).orElseThrow(() -> ApiError.notFound("Session"));
                if (!s.profile().hasStep("selfie")) {
                    throw ApiError.conflict("selfie_not_in_profile", "This session's profile has no selfie step");
                }
                if (!sessions.finalise(c, sessionId, status, r, now)) {
                    boolean expired = "expired".equals(s.status()) || (s.isOpen() && !s.expiresAt().isAfter(now));
                    throw expired ? ApiError.conflict("session_expired", "The session expired before it was finalised")
                            : ApiError.conflict("session_already_finalised", "The session was already finalised");
                }
                tokens.spend(c, sessionId, now);
                Session finalised = sessions.findAnyOrg(c, sessionId).orElseThrow();
                // In the same transaction: the webhook exists exactly when the decision does.
                webhooks.enqueue(c, finalised.organisationId(), sessionId, Webhooks.SESSION_FINALISED, Json.write(finalised));
                return finalised;
            });
            // Committed: only now may anyone hear of it (service/README.md, "Durability").
            metrics.decision(status);
            log.info("session finalised status={} score={} passed={}", status, r.livenessScore(), r.livenessPassed());
            webhooks.kick();
            return done;
        } finally {
            MDC.remove("session_id");
        }
    }

    /** The engine's decision as a session status: pass = approved, review = needs_review, fail = declined. */
    static String decide(SelfieResult r) {
        return switch (r.decision()) {
            case "pass" -> "approved";
            case "review" -> "needs_review";
            default -> "declined";
        };
    }

    private static SelfieResult withFailure(SelfieResult r, String failure) {
        ObjectNode analysis = r.analysis() instanceof ObjectNode o ? o.deepCopy() : Json.MAPPER.createObjectNode();
        analysis.put("failure", failure);
        return new SelfieResult(r.livenessMode(), r.livenessScore(), false, r.livenessThreshold(), r.challengesCompleted(),
                r.framesCaptured(), r.poseVariationScore(), r.expressionVariationScore(), analysis, "fail");
    }
}
