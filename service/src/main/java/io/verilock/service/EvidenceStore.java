package io.verilock.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Evidence files (document images, selfie frames) on disk under the data directory, with metadata and SHA-256 in
 * the database. A content hash the organisation stored before, in any of its sessions, is rejected: replaying a
 * captured image is an attack. Other organisations' files are never compared (B must learn nothing of A); pictures
 * replayed in other bytes are {@link ReplayGuard}'s.
 */
public final class EvidenceStore {

    public record Evidence(int n, String kind, String contentType, long sizeBytes, String sha256, Instant createdAt,
                           @com.fasterxml.jackson.annotation.JsonIgnore String path) {}

    private final Database db;
    private final Path root;
    private final Clock clock;

    public EvidenceStore(Database db, Path dataDir, Clock clock) {
        this.db = db;
        this.root = dataDir.resolve("evidence");
        this.clock = clock;
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
    public synchronized Evidence store(String organisationId, String sessionId, String kind, byte[] bytes) {
        String type = imageType(bytes);
        if (type == null) throw new ApiError(415, "unsupported_media_type", "Only JPEG and PNG images are accepted", null);
        String sha = Secrets.sha256Hex(bytes);
        if (db.first("SELECT 1 FROM evidence WHERE organisation_id = ? AND sha256 = ?", rs -> 1, organisationId, sha).isPresent()) {
            throw duplicate();
        }
        int n = db.first("SELECT COALESCE(MAX(seq), 0) + 1 FROM evidence WHERE session_id = ?", rs -> rs.getInt(1), sessionId).orElse(1);
        String relative = organisationId + "/" + sessionId + "/" + n + (type.equals("image/png") ? ".png" : ".jpg");
        Path file = root.resolve(relative);
        Instant now = Times.now(clock);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "upload", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            db.update("INSERT INTO evidence (session_id, organisation_id, seq, kind, content_type, size_bytes, sha256, path, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sessionId, organisationId, n, kind, type, (long) bytes.length, sha, relative, now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Database.DataException e) {
            deleteQuietly(file);
            // Another server sharing the database may have stored the same content in between.
            if (Database.isUniqueViolation(e)) throw duplicate();
            throw e;
        }
        return new Evidence(n, kind, type, bytes.length, sha, now, relative);
    }

    public List<Evidence> list(String organisationId, String sessionId) {
        return db.query("SELECT * FROM evidence WHERE organisation_id = ? AND session_id = ? ORDER BY seq",
                EvidenceStore::row, organisationId, sessionId);
    }

    public Optional<Evidence> find(String organisationId, String sessionId, int n) {
        return db.first("SELECT * FROM evidence WHERE organisation_id = ? AND session_id = ? AND seq = ?",
                EvidenceStore::row, organisationId, sessionId, n);
    }

    public byte[] read(Evidence e) {
        try {
            return Files.readAllBytes(root.resolve(e.path()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ApiError duplicate() {
        return ApiError.conflict("duplicate_evidence", "This image was already submitted in one of your sessions");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // An orphan file is harmless: nothing in the database points at it.
        }
    }

    private static Evidence row(ResultSet rs) throws SQLException {
        return new Evidence(rs.getInt("seq"), rs.getString("kind"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), Database.instant(rs, "created_at"), rs.getString("path"));
    }
}
