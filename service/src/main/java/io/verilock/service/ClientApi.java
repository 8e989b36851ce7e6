package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** /v1/client: what the user's device may do with its client token, for its one session only. */
final class ClientApi {
    private static final List<String> SIDES = List.of("front", "back");

    private final Sessions sessions;
    private final EvidenceStore evidence;
    private final Config config;
    private final Supplier<String> baseUrl;
    private final Clock clock;

    ClientApi(Sessions sessions, EvidenceStore evidence, Config config, Supplier<String> baseUrl) {
        this.sessions = sessions;
        this.evidence = evidence;
        this.config = config;
        this.baseUrl = baseUrl;
        this.clock = config.clock();
    }

    /** The resolved profile and status; no results, which are for the integrator's backend. */
    void session(Context ctx) {
        Session s = load(ctx);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", s.id());
        out.put("status", s.status());
        out.set("profile", Json.MAPPER.valueToTree(s.profile()));
        out.set("document", s.document());
        out.put("expires_at", s.expiresAt().toString());
        ctx.json(out);
    }

    /** Body: the raw JPEG or PNG bytes of one side of the identity document. */
    void uploadDocument(Context ctx) {
        String side = ctx.pathParam("side");
        if (!SIDES.contains(side)) throw ApiError.invalid("unknown_side", "side must be one of " + SIDES, "side");
        Session s = load(ctx);
        if (!s.profile().hasStep("document")) throw ApiError.conflict("step_not_in_profile", "This session has no document step");
        if (!s.isOpen()) throw ApiError.conflict("session_closed", "The session is " + s.status());
        // Checked again under a row lock when the image is recorded; this early check saves storing the file.
        for (JsonNode image : s.document().get("images")) {
            if (side.equals(image.path("side").asText())) {
                throw ApiError.conflict("already_uploaded", "The " + side + " side was already uploaded");
            }
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) throw ApiError.badRequest("empty_body", "The request body must be the image bytes", null);
        if (bytes.length > config.maxUploadBytes()) {
            throw new ApiError(413, "payload_too_large", "Images are limited to " + config.maxUploadBytes() + " bytes", null);
        }
        EvidenceStore.Evidence e = evidence.store(s.organisationId(), s.id(), "document_" + side, bytes);

        ObjectNode image = Json.MAPPER.createObjectNode();
        image.put("n", e.n());
        image.put("side", side);
        image.put("content_type", e.contentType());
        image.put("size_bytes", e.sizeBytes());
        image.put("sha256", e.sha256());
        image.put("url", baseUrl.get() + "/v1/sessions/" + s.id() + "/evidence/" + e.n());
        ctx.status(201).json(sessions.addDocumentImage(s.id(), image));
    }

    private Session load(Context ctx) {
        ClientTokens.Grant g = Auth.grant(ctx);
        return sessions.find(g.organisationId(), g.sessionId(), clock.instant()).orElseThrow(() -> ApiError.notFound("Session"));
    }
}
