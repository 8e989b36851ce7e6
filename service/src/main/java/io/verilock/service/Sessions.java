package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Session rows. Reads take the organisation id so one organisation can never see another's sessions. */
public final class Sessions {

    public record Filter(String status, Instant createdAfter, Instant createdBefore) {}
    public record Page(List<Session> data, String nextCursor) {}

    private final Database db;

    public Sessions(Database db) { this.db = db; }

    public static String newId() { return "ses_" + UUID.randomUUID(); }

    public void insert(Connection c, String id, String organisationId, String workflowId, boolean sandbox, Profile profile,
                       Instant createdAt, Instant expiresAt) throws SQLException {
        Database.update(c, "INSERT INTO sessions (id, organisation_id, workflow_id, sandbox, status, profile_json, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, 'created', ?, ?, ?)",
                id, organisationId, workflowId, sandbox, Json.write(profile), createdAt, expiresAt);
    }

    public Optional<Session> find(String organisationId, String id, Instant now) {
        return db.tx(c -> {
            expireDue(c, organisationId, now);
            return Database.first(c, "SELECT * FROM sessions WHERE organisation_id = ? AND id = ?", Sessions::row, organisationId, id);
        });
    }

    /** For callers that already hold a scope (client token, finaliser); never for API key requests. */
    public Optional<Session> findAnyOrg(Connection c, String id) throws SQLException {
        return Database.first(c, "SELECT * FROM sessions WHERE id = ?", Sessions::row, id);
    }

    public Page list(String organisationId, Filter filter, String cursor, int limit, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sessions WHERE organisation_id = ?");
        List<Object> params = new ArrayList<>(List.of(organisationId));
        if (filter.status() != null) { sql.append(" AND status = ?"); params.add(filter.status()); }
        if (filter.createdAfter() != null) { sql.append(" AND created_at > ?"); params.add(filter.createdAfter()); }
        if (filter.createdBefore() != null) { sql.append(" AND created_at < ?"); params.add(filter.createdBefore()); }
        if (cursor != null) {
            // Keyset pagination, newest first: rows strictly after the last one returned.
            Cursor after = Cursor.decode(cursor);
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            params.addAll(List.of(after.createdAt(), after.createdAt(), after.id()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit + 1);
        List<Session> rows = db.tx(c -> {
            expireDue(c, organisationId, now);
            return Database.query(c, sql.toString(), Sessions::row, params.toArray());
        });
        if (rows.size() <= limit) return new Page(rows, null);
        Session last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), new Cursor(last.createdAt(), last.id()).encode());
    }

    /**
     * Appends one uploaded image to the document step under a row lock, so concurrent uploads (front and back at
     * once) cannot overwrite each other. Returns the new document state.
     */
    public JsonNode addDocumentImage(String id, ObjectNode image) {
        return db.tx(c -> {
            Session s = Database.first(c, "SELECT * FROM sessions WHERE id = ? FOR UPDATE", Sessions::row, id)
                    .orElseThrow(() -> ApiError.notFound("Session"));
            if (!s.isOpen()) throw ApiError.conflict("session_closed", "The session is " + s.status());
            ObjectNode document = s.document().deepCopy();
            for (JsonNode existing : ((ArrayNode) document.get("images"))) {
                if (existing.path("side").asText().equals(image.path("side").asText())) {
                    throw ApiError.conflict("already_uploaded", "The " + image.path("side").asText() + " side was already uploaded");
                }
            }
            document.put("status", "uploaded");
            ((ArrayNode) document.get("images")).add(image);
            Database.update(c, "UPDATE sessions SET document_json = ?, status = 'in_progress' WHERE id = ?", Json.write(document), id);
            return document;
        });
    }

    /** Writes the decision only while the session is still open: the row count says whether this call won. */
    public boolean finalise(Connection c, String id, String status, SelfieResult r, Instant now) throws SQLException {
        return Database.update(c, "UPDATE sessions SET status = ?, liveness_mode = ?, liveness_score = ?, liveness_passed = ?,"
                        + " liveness_threshold = ?, challenges_completed_json = ?, frames_captured = ?, pose_variation_score = ?,"
                        + " expression_variation_score = ?, analysis_json = ?, finalised_at = ?"
                        + " WHERE id = ? AND status IN ('created', 'in_progress') AND expires_at > ?",
                status, r.livenessMode(), r.livenessScore(), r.livenessPassed(), r.livenessThreshold(),
                Json.write(r.challengesCompleted()), r.framesCaptured(), r.poseVariationScore(),
                r.expressionVariationScore(), r.analysis() == null ? null : Json.write(r.analysis()), now, id, now) == 1;
    }

    /**
     * Records a person's decision on a {@code needs_review} session under a row lock: 404 when the organisation has
     * no such session, 409 {@code not_in_review} for any other status (so a decision is taken at most once).
     */
    /** Records a manual decision on a needs_review session, in the caller's transaction; returns the session after it. */
    public Session review(Connection c, String organisationId, String id, String decision, String note, String reviewedBy, Instant now)
        throws SQLException {
        Session s = Database.first(c, "SELECT * FROM sessions WHERE organisation_id = ? AND id = ? FOR UPDATE", Sessions::row,
                organisationId, id).orElseThrow(() -> ApiError.notFound("Session"));
        if (!"needs_review".equals(s.status())) {
            throw ApiError.conflict("not_in_review", "Only needs_review sessions can be reviewed; this one is " + s.status());
        }
        Database.update(c, "UPDATE sessions SET status = ?, review_decision = ?, review_note = ?, reviewed_by = ?, reviewed_at = ?"
                + " WHERE id = ? AND status = 'needs_review'", decision, decision, note, reviewedBy, now, id);
        return findAnyOrg(c, id).orElseThrow();
    }

    /** Open sessions past their expiry become "expired" lazily, before any read that could show or filter them. */
    private static void expireDue(Connection c, String organisationId, Instant now) throws SQLException {
        Database.update(c, "UPDATE sessions SET status = 'expired' WHERE organisation_id = ? AND status IN ('created', 'in_progress') AND expires_at <= ?",
                organisationId, now);
    }

    static Session row(ResultSet rs) throws SQLException {
        Profile profile = Json.read(rs.getString("profile_json"), Profile.class);
        Session.Selfie selfie = null;
        if (profile.hasStep("selfie")) {
            String challenges = rs.getString("challenges_completed_json");
            selfie = rs.getString("liveness_mode") == null ? Session.Selfie.configured(profile) : new Session.Selfie(
                    rs.getString("liveness_mode"),
                    Database.nullable(rs, "liveness_score", Double.class),
                    Database.nullable(rs, "liveness_passed", Boolean.class),
                    Database.nullable(rs, "liveness_threshold", Integer.class),
                    challenges == null ? null : List.of(Json.read(challenges, String[].class)),
                    Database.nullable(rs, "frames_captured", Integer.class),
                    Database.nullable(rs, "pose_variation_score", Double.class),
                    Database.nullable(rs, "expression_variation_score", Double.class));
        }
        JsonNode document = null;
        if (profile.hasStep("document")) {
            document = rs.getString("document_json") != null ? Json.read(rs.getString("document_json")) : pendingDocument();
        }
        Session.Review review = rs.getString("review_decision") == null ? null : new Session.Review(
                rs.getString("review_decision"), rs.getString("review_note"), rs.getString("reviewed_by"),
                Database.instant(rs, "reviewed_at"));
        return new Session(rs.getString("id"), rs.getString("status"), rs.getBoolean("sandbox"), rs.getString("workflow_id"),
                profile, selfie, document, Json.read(rs.getString("analysis_json")), Database.instant(rs, "created_at"),
                Database.instant(rs, "expires_at"), Database.instant(rs, "finalised_at"), review, rs.getString("organisation_id"));
    }

    static ObjectNode pendingDocument() {
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("status", "pending");
        d.putArray("images");
        return d;
    }

    /** Opaque to clients: base64url of "epochMillis:id". */
    record Cursor(Instant createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("ses_[0-9a-f-]{36}");

        /** Only what encode() can produce reaches the database: an id of ours and an instant both databases store. */
        static Cursor decode(String s) {
            Cursor c;
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split(":", 2);
                c = new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
            } catch (RuntimeException e) {
                c = null;
            }
            if (c == null || !ID.matcher(c.id()).matches() || !Times.storable(c.createdAt())) {
                throw ApiError.badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
            }
            return c;
        }
    }
}
