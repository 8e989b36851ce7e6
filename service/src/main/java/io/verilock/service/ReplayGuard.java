package io.verilock.service;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.image.PixelFingerprint;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay detection by content (docs/REPLAY.md): every received selfie and capture frame is fingerprinted from its
 * decoded pixels and compared with the pictures of the organisation's other sessions, so the same picture in another
 * file is refused however its bytes differ. Only the caller's organisation is searched: another organisation's
 * pictures neither match nor show. Check and record happen under one per-organisation lock in this server.
 */
final class ReplayGuard {
    private final Database db;
    private final Clock clock;
    private final ImageDecoder decoder = new ImageDecoder();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Decodes at once, one a core: the decoded pixels (up to 40 MP) are the memory to bound. */
    private final java.util.concurrent.Semaphore decoding = new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());

    ReplayGuard(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Decodes (the decoder's header limits apply first) and fingerprints, as many at once as there are cores. */
    PixelFingerprint fingerprint(byte[] encoded) throws ImageInputException {
        decoding.acquireUninterruptibly();
        try (DecodedImage image = decoder.decode(encoded)) {
            return PixelFingerprint.of(image);
        } finally {
            decoding.release();
        }
    }

    /**
     * Records the picture for this session, or throws 409 duplicate_evidence when another session of the
     * organisation already holds the same picture. Featureless pictures (a covered camera) are neither: every such
     * frame looks alike, and none can pass as a face.
     */
    void claim(String organisationId, String sessionId, String kind, PixelFingerprint fp) {
        if (fp.featureless()) return;
        synchronized (locks.computeIfAbsent(organisationId, k -> new Object())) {
            if (matchingSession(organisationId, sessionId, fp).isPresent()) {
                throw ApiError.conflict("duplicate_evidence",
                        "This picture was already submitted in another session: replayed captures are refused");
            }
            int[] b = PixelFingerprint.bands(fp.key());
            db.update("INSERT INTO picture_fingerprints (organisation_id, session_id, kind, b0, b1, b2, b3, b4, b5, b6, b7, cells, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    organisationId, sessionId, kind, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], fp.toBytes(), Times.now(clock));
        }
    }

    /** Another session of the organisation with the same picture: candidates by key band, then the full distance. */
    Optional<String> matchingSession(String organisationId, String sessionId, PixelFingerprint fp) {
        int[] b = PixelFingerprint.bands(fp.key());
        return db.query("SELECT session_id, cells FROM picture_fingerprints WHERE organisation_id = ? AND session_id <> ?"
                                + " AND (b0 = ? OR b1 = ? OR b2 = ? OR b3 = ? OR b4 = ? OR b5 = ? OR b6 = ? OR b7 = ?)",
                        rs -> PixelFingerprint.fromBytes(rs.getBytes("cells")).samePicture(fp) ? rs.getString("session_id") : null,
                        organisationId, sessionId, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
