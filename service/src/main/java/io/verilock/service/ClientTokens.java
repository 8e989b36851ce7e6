package io.verilock.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Short-lived tokens handed to the user's device; each opens exactly one session and is stored only hashed. */
public final class ClientTokens {

    public static final String PREFIX = "vlct_";

    /** What a valid client token grants: one session of one organisation. */
    public record Grant(String sessionId, String organisationId, String tokenHash) {}

    private final Database db;

    public ClientTokens(Database db) { this.db = db; }

    /** Issues a token for a session; returns the secret, which is never stored. */
    public String issue(Connection c, String sessionId, Instant now, Instant expiresAt) throws SQLException {
        String token = Secrets.token(PREFIX);
        Database.update(c, "INSERT INTO client_tokens (token_hash, session_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                Secrets.sha256Hex(token), sessionId, now, expiresAt);
        return token;
    }

    /** A token is valid while unexpired and unspent. */
    public Optional<Grant> authenticate(String token, Instant now) {
        if (token == null || !token.startsWith(PREFIX)) return Optional.empty();
        String hash = Secrets.sha256Hex(token);
        return db.first("SELECT t.session_id, s.organisation_id FROM client_tokens t JOIN sessions s ON s.id = t.session_id"
                        + " WHERE t.token_hash = ? AND t.spent_at IS NULL AND t.expires_at > ?",
                rs -> new Grant(rs.getString(1), rs.getString(2), hash), hash, now);
    }

    /** Whether this token was ever issued (it may be spent or expired): presenting it is not a guess. */
    public boolean issued(String token) {
        if (token == null || !token.startsWith(PREFIX)) return false;
        return db.first("SELECT 1 FROM client_tokens WHERE token_hash = ?", rs -> 1, Secrets.sha256Hex(token)).isPresent();
    }

    /** Spends every token of the session, so a finalised session cannot be driven again. */
    public void spend(Connection c, String sessionId, Instant now) throws SQLException {
        Database.update(c, "UPDATE client_tokens SET spent_at = ? WHERE session_id = ? AND spent_at IS NULL", now, sessionId);
    }
}
