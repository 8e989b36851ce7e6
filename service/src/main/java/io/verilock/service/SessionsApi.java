package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** /v1/sessions: create, read, list, evidence and webhook attempts, all scoped to the caller's organisation. */
final class SessionsApi {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final Database db;
    private final Sessions sessions;
    private final Workflows workflows;
    private final ClientTokens tokens;
    private final EvidenceStore evidence;
    private final Webhooks webhooks;
    private final Config config;
    private final ServiceMetrics metrics;
    private final Clock clock;

    SessionsApi(Database db, Sessions sessions, Workflows workflows, ClientTokens tokens, EvidenceStore evidence,
                Webhooks webhooks, ServiceMetrics metrics, Config config) {
        this.db = db;
        this.sessions = sessions;
        this.workflows = workflows;
        this.tokens = tokens;
        this.evidence = evidence;
        this.webhooks = webhooks;
        this.config = config;
        this.metrics = metrics;
        this.clock = config.clock();
    }

    void create(Context ctx) {
        ctx.status(201).json(create(Auth.principal(ctx), Json.object(Json.parseBody(ctx.body()))));
    }

    /** Creates a session for {@code who}; the answer is the 201 body (session + client token). */
    ObjectNode create(Organisations.Principal who, ObjectNode body) {
        Validation.rejectUnknownKeys(body, "", Set.of("profile", "workflow_id"), Set.of());
        String workflowId = Validation.text(body.get("workflow_id"), "workflow_id");
        Profile base = Profile.DEFAULT;
        if (workflowId != null) {
            base = workflows.find(who.organisationId(), workflowId)
                    .orElseThrow(() -> new ApiError(404, "not_found", "Workflow not found", "workflow_id")).profile();
        }
        Profile profile = Validation.resolve(base, body.get("profile"), "profile", Set.of());

        String id = Sessions.newId();
        Instant now = Times.now(clock);
        Instant tokenExpiry = now.plus(config.clientTokenTtl());
        String token = db.tx(c -> {
            sessions.insert(c, id, who.organisationId(), workflowId, who.sandbox(), profile, now, now.plus(config.sessionTtl()));
            return tokens.issue(c, id, now, tokenExpiry);
        });
        ObjectNode out = Json.MAPPER.valueToTree(load(who, id));
        out.put("client_token", token);
        out.put("client_token_expires_at", tokenExpiry.toString());
        return out;
    }

    /** POST /v1/sessions/{id}/review: approve or decline a needs_review session, recording who and when. */
    void review(Context ctx) {
        Organisations.Principal who = Auth.principal(ctx);
        ObjectNode body = Json.object(Json.parseBody(ctx.body()));
        Validation.rejectUnknownKeys(body, "", Set.of("decision", "note"), Set.of());
        String decision = Validation.text(body.get("decision"), "decision");
        if (decision == null) throw ApiError.invalid("missing_field", "decision is required: approved or declined", "decision");
        if (!decision.equals("approved") && !decision.equals("declined")) {
            throw ApiError.invalid("invalid_decision", "decision must be approved or declined", "decision");
        }
        String note = Validation.text(body.get("note"), "note");
        if (note != null && note.length() > 2000) throw ApiError.invalid("note_too_long", "note is limited to 2000 characters", "note");
        String id = ctx.pathParam("id");
        Session reviewed = db.tx(c -> {
            Session s = sessions.review(c, who.organisationId(), id, decision, note, who.keyPrefix(), Times.now(clock));
            // The same signed delivery as the automatic decision, with its own event name (service/README.md, Webhooks),
            // queued in the decision's transaction.
            webhooks.enqueue(c, who.organisationId(), id, Webhooks.SESSION_REVIEWED, Json.write(s));
            return s;
        });
        metrics.reviewDecision(decision);
        webhooks.kick();
        ctx.json(reviewed);
    }

    void get(Context ctx) {
        ctx.json(load(Auth.principal(ctx), ctx.pathParam("id")));
    }

    void list(Context ctx) {
        int limit = DEFAULT_LIMIT;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid_parameter", "limit must be an integer", "limit");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiError.invalid("invalid_parameter", "limit must be between 1 and " + MAX_LIMIT, "limit");
            }
        }
        String status = ctx.queryParam("status");
        if (status != null && !Session.STATUSES.contains(status)) {
            throw ApiError.invalid("unknown_status", "status must be one of " + Session.STATUSES, "status");
        }
        var filter = new Sessions.Filter(status, instantParam(ctx, "created_after"), instantParam(ctx, "created_before"));
        Sessions.Page page = sessions.list(Auth.principal(ctx).organisationId(), filter, ctx.queryParam("cursor"), limit, clock.instant());
        ctx.json(page);
    }

    void listEvidence(Context ctx) {
        Session s = load(Auth.principal(ctx), ctx.pathParam("id"));
        ctx.json(Map.of("data", evidence.list(s.organisationId(), s.id())));
    }

    void getEvidence(Context ctx) {
        Session s = load(Auth.principal(ctx), ctx.pathParam("id"));
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw ApiError.notFound("Evidence");
        }
        EvidenceStore.Evidence e = evidence.find(s.organisationId(), s.id(), n).orElseThrow(() -> ApiError.notFound("Evidence"));
        ctx.contentType(e.contentType()).header("Cache-Control", "no-store").result(evidence.read(e));
    }

    void webhookAttempts(Context ctx) {
        Session s = load(Auth.principal(ctx), ctx.pathParam("id"));
        ctx.json(Map.of("data", webhooks.deliveries(s.id())));
    }

    /** Unknown and other organisations' sessions look the same: 404, so existence never leaks. */
    Session load(Organisations.Principal who, String id) {
        return sessions.find(who.organisationId(), id, clock.instant()).orElseThrow(() -> ApiError.notFound("Session"));
    }

    private static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) return null;
        Instant t;
        try {
            t = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z", name);
        }
        if (!Times.storable(t)) {
            throw ApiError.invalid("out_of_range", name + " must be between " + Times.EARLIEST + " and " + Times.LATEST, name);
        }
        return t;
    }
}
