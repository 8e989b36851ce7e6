package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The demo page's server side: creates selfie-only sessions for the demo organisation (sandbox) and shows their
 * detail, so the browser never holds a secret key. Only demo-organisation sessions are reachable here.
 */
final class DemoApi {
    private static final Organisations.Principal DEMO = new Organisations.Principal(VerilockServer.DEMO_ORG_ID, "demo", true, "demo");

    private final SessionsApi sessionsApi;

    DemoApi(SessionsApi sessionsApi) { this.sessionsApi = sessionsApi; }

    /**
     * POST /demo/sessions {"liveness_mode": "active"|"passive", "liveness_challenges": [...]} → {id, status, client_token,
     * liveness_mode}. The challenges (a subset of head_left, head_right, smile, blink; default all four) let a visitor
     * use a pre-rendered video that performs just those; they are validated as any profile's.
     */
    void create(Context ctx) {
        ObjectNode body = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.object(Json.parseBody(ctx.body()));
        Validation.rejectUnknownKeys(body, "", Set.of("liveness_mode", "liveness_challenges"), Set.of());
        String mode = Validation.text(body.get("liveness_mode"), "liveness_mode");
        if (mode == null) mode = "active";
        if (!mode.equals("active") && !mode.equals("passive")) {
            throw ApiError.invalid("invalid_liveness_mode", "liveness_mode must be active or passive", "liveness_mode");
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        ObjectNode profile = request.putObject("profile");
        profile.putArray("steps").add("selfie");
        profile.put("liveness_mode", mode);
        if (body.hasNonNull("liveness_challenges")) profile.set("liveness_challenges", body.get("liveness_challenges"));
        ObjectNode created = sessionsApi.create(DEMO, request);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", created.get("id").asText());
        out.put("status", created.get("status").asText());
        out.put("liveness_mode", mode);
        out.put("client_token", created.get("client_token").asText());
        ctx.status(201).json(out);
    }

    /** GET /demo/sessions/{id}: the GET /v1/sessions/{id} body, for demo-organisation sessions only. */
    void get(Context ctx) {
        ctx.json(sessionsApi.load(DEMO, ctx.pathParam("id")));
    }

    /** Serves one HTML page of the SDK folder (packaged under /public/sdk). */
    static void page(Context ctx, String resource) throws IOException {
        try (InputStream in = DemoApi.class.getResourceAsStream("/public/sdk/" + resource)) {
            if (in == null) throw ApiError.notFound("Page");
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }
}
