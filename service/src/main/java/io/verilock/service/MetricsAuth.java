package io.verilock.service;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /metrics} with VERILOCK_METRICS_TOKEN. Only the token's SHA-256 is kept; a presented token is hashed
 * and the two digests compared with {@link MessageDigest#isEqual} (constant time, and equal lengths whatever was sent).
 */
final class MetricsAuth {
    private final byte[] tokenHash;

    /** {@code token} null: /metrics stays open. */
    MetricsAuth(String token) {
        this.tokenHash = token == null ? null : Secrets.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    boolean protectedByToken() { return tokenHash != null; }

    /** @throws ApiError 401 (field {@code Authorization}) unless the request carries the token or none is configured */
    void check(Context ctx) {
        if (tokenHash == null) return;
        String presented = Auth.bearer(ctx);
        if (presented != null && MessageDigest.isEqual(tokenHash, Secrets.sha256(presented.getBytes(StandardCharsets.UTF_8)))) return;
        ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
        throw new ApiError(401, "unauthorized", presented == null
                ? "/metrics requires Authorization: Bearer <VERILOCK_METRICS_TOKEN>"
                : "The metrics token is not valid", "Authorization");
    }
}
