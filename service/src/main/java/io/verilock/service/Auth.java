package io.verilock.service;

import io.javalin.http.Context;

import java.time.Clock;

/**
 * Authenticates each /v1 request before its handler runs: secret API keys for the integrator's backend,
 * client tokens for /v1/client/*, each rate limited on its own bucket.
 */
final class Auth {
    private static final String PRINCIPAL = "verilock.principal";
    private static final String GRANT = "verilock.grant";

    private final Organisations organisations;
    private final ClientTokens tokens;
    private final RateLimiter keyLimiter;
    private final RateLimiter clientLimiter;
    private final RateLimiter frameLimiter;
    private final RateLimiter failedLimiter;
    private final Clock clock;
    /** Capture frames stream at the SDK's 8-10 fps, so they have their own bucket: 20 fps at most, sustained. */
    static final int FRAMES_PER_MINUTE = 1200;
    private static final String FRAMES_PATH = "/v1/client/capture/frames";

    Auth(Organisations organisations, ClientTokens tokens, RateLimiter keyLimiter, RateLimiter clientLimiter,
         RateLimiter frameLimiter, RateLimiter failedLimiter, Clock clock) {
        this.organisations = organisations;
        this.tokens = tokens;
        this.keyLimiter = keyLimiter;
        this.clientLimiter = clientLimiter;
        this.frameLimiter = frameLimiter;
        this.failedLimiter = failedLimiter;
        this.clock = clock;
    }

    void handle(Context ctx) {
        String path = ctx.path();
        if (!path.startsWith("/v1/") || path.equals("/v1/openapi.json")) return;
        String bearer = bearer(ctx);
        // An address that keeps presenting wrong credentials is refused before its next one is even looked at:
        // guessing keys or tokens costs a minute per few dozen tries instead of being a free oracle.
        String address = RequestLimits.address(ctx.req());
        long wait = failedLimiter.waitSeconds(address);
        if (wait > 0) {
            throw ApiError.retryLater(429, "too_many_failed_attempts",
                    "Too many requests with invalid credentials from this address; try again later", wait);
        }
        if (path.startsWith("/v1/client/")) {
            // A spent or expired token of ours is a device that kept going after its session ended, not a guess.
            ClientTokens.Grant grant = tokens.authenticate(bearer, clock.instant())
                    .orElseThrow(() -> tokens.issued(bearer) ? ApiError.unauthorized("A valid, unexpired client token is required")
                            : failed(address, "A valid, unexpired client token is required"));
            limit(path.equals(FRAMES_PATH) ? frameLimiter : clientLimiter, grant.tokenHash());
            ctx.attribute(GRANT, grant);
        } else {
            Organisations.Principal principal = organisations.authenticate(bearer)
                    .orElseThrow(() -> failed(address, "A valid secret API key is required (Authorization: Bearer vl_live_...)"));
            limit(keyLimiter, principal.keyId());
            ctx.attribute(PRINCIPAL, principal);
        }
    }

    /** Counts a failed authentication against the address; the 401 itself is unchanged. */
    private ApiError failed(String address, String message) {
        failedLimiter.retryAfterSeconds(address);
        return ApiError.unauthorized(message);
    }

    static Organisations.Principal principal(Context ctx) { return ctx.attribute(PRINCIPAL); }

    static ClientTokens.Grant grant(Context ctx) { return ctx.attribute(GRANT); }

    static void limit(RateLimiter limiter, String key) {
        long wait = limiter.retryAfterSeconds(key);
        if (wait > 0) throw ApiError.retryLater(429, "rate_limited", "Too many requests; slow down", wait);
    }

    /** The credential after "Bearer " in the Authorization header, or null. */
    static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return h.substring(7).trim();
    }
}
