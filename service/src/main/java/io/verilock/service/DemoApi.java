package io.verilock.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * The demo page's server side: creates selfie-only sessions for the demo organisation (sandbox) and shows their
 * detail, so the browser never holds a secret key. A session is shown only if the demo created it and only to the
 * browser that did (its {@value #COOKIE} cookie, whose SHA-256 is stored beside the session id); sessions created
 * through /v1, even with the demo key, and other browsers' sessions are 404. Both routes are rate limited per
 * client address: creation at VERILOCK_DEMO_RATE_LIMIT_PER_MINUTE, reading at ten times that (the page polls).
 */
final class DemoApi {
    private static final Organisations.Principal DEMO = new Organisations.Principal(VerilockServer.DEMO_ORG_ID, "demo", true, "demo");
    static final String COOKIE = "verilock_demo";
    private static final java.util.regex.Pattern COOKIE_VALUE = java.util.regex.Pattern.compile("vl_demo_[A-Za-z0-9_-]{20,64}");

    private final SessionsApi sessionsApi;
    private final Database db;
    private final RateLimiter createLimiter;
    private final RateLimiter readLimiter;
    private final java.time.Clock clock;

    DemoApi(SessionsApi sessionsApi, Database db, Config config) {
        this.sessionsApi = sessionsApi;
        this.db = db;
        this.clock = config.clock();
        int perMinute = config.limits().demoPerMinute();
        this.createLimiter = new RateLimiter(perMinute, clock);
        this.readLimiter = new RateLimiter(perMinute <= 0 ? 0 : perMinute * 10, clock);
    }

    /**
     * POST /demo/sessions {"liveness_mode": "active"|"passive", "liveness_challenges": [...]} → {id, status, client_token,
     * liveness_mode}. The challenges (a subset of head_left, head_right, smile, blink; default all four) let a visitor
     * use a pre-rendered video that performs just those; they are validated as any profile's.
     */
    void create(Context ctx) {
        Auth.limit(createLimiter, RequestLimits.address(ctx.req()));
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
        String browser = ctx.cookie(COOKIE);
        if (browser == null || !COOKIE_VALUE.matcher(browser).matches()) browser = Secrets.token("vl_demo_");
        ObjectNode created = sessionsApi.create(DEMO, request);
        db.update("INSERT INTO demo_sessions (session_id, browser_hash, created_at) VALUES (?, ?, ?)",
                created.get("id").asText(), Secrets.sha256Hex(browser), Times.now(clock));
        // HttpOnly and SameSite=Strict: only this browser's own demo page sends it, and no script reads it.
        ctx.header("Set-Cookie", COOKIE + "=" + browser + "; Path=/demo; HttpOnly; SameSite=Strict"
                + (ctx.req().isSecure() ? "; Secure" : ""));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", created.get("id").asText());
        out.put("status", created.get("status").asText());
        out.put("liveness_mode", mode);
        out.put("client_token", created.get("client_token").asText());
        ctx.status(201).json(out);
    }

    /** GET /demo/sessions/{id}: the GET /v1/sessions/{id} body, for this browser's demo sessions only. */
    void get(Context ctx) {
        Auth.limit(readLimiter, RequestLimits.address(ctx.req()));
        String id = ctx.pathParam("id");
        String browser = ctx.cookie(COOKIE);
        boolean mine = browser != null && COOKIE_VALUE.matcher(browser).matches() && db.first(
                "SELECT 1 FROM demo_sessions WHERE session_id = ? AND browser_hash = ?", rs -> 1, id, Secrets.sha256Hex(browser)).isPresent();
        if (!mine) throw ApiError.notFound("Session");
        ctx.json(sessionsApi.load(DEMO, id));
    }

    /** Serves one HTML page of the SDK folder (packaged under /public/sdk). */
    static void page(Context ctx, String resource) throws IOException {
        try (InputStream in = DemoApi.class.getResourceAsStream("/public/sdk/" + resource)) {
            if (in == null) throw ApiError.notFound("Page");
            ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }
}
