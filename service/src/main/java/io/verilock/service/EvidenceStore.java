package io.verilock.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Evidence (document images, selfie frames): the bytes in an {@link EvidenceStorage} (the data folder or an S3
 * bucket), the metadata and SHA-256 in the database. A content hash seen before, in any session, is rejected:
 * replaying a captured image is an attack. The bytes are stored before the row that points at them, so a row always
 * has its object; an object whose row was never written (a crash in between, a refused duplicate) is an orphan nobody
 * can reach.
 */
public final class EvidenceStore {

    public record Evidence(int n, String kind, String contentType, long sizeBytes, String sha256, Instant createdAt,
                           @com.fasterxml.jackson.annotation.JsonIgnore String path) {}

    /** Tries at a session's next number when another instance took it in between (several instances, one session). */
    private static final int SEQ_TRIES = 5;

    private final Database db;
    private final EvidenceStorage storage;
    private final Clock clock;

    public EvidenceStore(Database db, EvidenceStorage storage, Clock clock) {
        this.db = db;
        this.storage = storage;
        this.clock = clock;
    }

    /** Whether the organisation already stored an image with this SHA-256, in any of its sessions. */
    public boolean seen(String organisationId, String sha256) {
        return db.first("SELECT 1 FROM evidence WHERE organisation_id = ? AND sha256 = ?", rs -> 1, organisationId, sha256).isPresent();
    }

    /** "image/jpeg" or "image/png" from the file's magic bytes, else null. Declared content types are not trusted. */
    public static String imageType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "image/jpeg";
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return "image/png";
        return null;
    }

    /**
     * Stores one image for a session and returns its metadata; {@code n} numbers the session's evidence from 1.
     * Throws a 415 ApiError for non-JPEG/PNG bytes and a 409 "duplicate_evidence" for content seen before.
     */
    public Evidence store(String organisationId, String sessionId, String kind, byte[] bytes) {
        String type = imageType(bytes);
        if (type == null) throw new ApiError(415, "unsupported_media_type", "Only JPEG and PNG images are accepted", null);
        String sha = Secrets.sha256Hex(bytes);
        for (int attempt = 1; ; attempt++) {
            if (seen(organisationId, sha)) throw duplicate();
            int n = db.first("SELECT COALESCE(MAX(seq), 0) + 1 FROM evidence WHERE session_id = ?", rs -> rs.getInt(1), sessionId).orElse(1);
            // The content's hash in the key: two writers that read the same free number (two instances, one session)
            // never write one key, so a stored row's object is never overwritten by someone else's bytes.
            String key = organisationId + "/" + sessionId + "/" + n + "-" + sha.substring(0, 16) + (type.equals("image/png") ? ".png" : ".jpg");
            Instant now = Times.now(clock);
            storage.put(key, bytes, type);
            try {
                db.update("INSERT INTO evidence (session_id, organisation_id, seq, kind, content_type, size_bytes, sha256, path, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        sessionId, organisationId, n, kind, type, (long) bytes.length, sha, key, now);
                return new Evidence(n, kind, type, bytes.length, sha, now, key);
            } catch (Database.DataException e) {
                // The same content stored in between (a duplicate): the key may be the other writer's, keep it.
                if (Database.isUniqueViolation(e) && seen(organisationId, sha)) throw duplicate();
                // Otherwise no row points at this key (none can: the hash is unique in the organisation): take the object back.
                storage.delete(key);
                // This session's number was taken by another request or instance in between: try the next one.
                if (!Database.isUniqueViolation(e) || attempt >= SEQ_TRIES) throw e;
            }
        }
    }

    public List<Evidence> list(String organisationId, String sessionId) {
        return db.query("SELECT * FROM evidence WHERE organisation_id = ? AND session_id = ? ORDER BY seq",
                EvidenceStore::row, organisationId, sessionId);
    }

    public Optional<Evidence> find(String organisationId, String sessionId, int n) {
        return db.first("SELECT * FROM evidence WHERE organisation_id = ? AND session_id = ? AND seq = ?",
                EvidenceStore::row, organisationId, sessionId, n);
    }

    public byte[] read(Evidence e) { return storage.get(e.path()); }

    private static ApiError duplicate() {
        return ApiError.conflict("duplicate_evidence", "This image was already submitted in one of your sessions");
    }

    private static Evidence row(ResultSet rs) throws SQLException {
        return new Evidence(rs.getInt("seq"), rs.getString("kind"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), Database.instant(rs, "created_at"), rs.getString("path"));
    }
}
