package io.verilock.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Active captures in the database (V10): a head row per capture and one row per frame, appended in order. Appending
 * checks the head's frame count, so two instances racing with frames of one capture cannot both store theirs.
 */
final class CaptureStore {

    /** A capture's fixed facts and how far it is. */
    record Head(String sessionId, String organisationId, String plan, int threshold, long startedAtMillis, int frames,
                long lastFrameAtMillis) {}

    /** One stored frame: {@code atMillis} from the start, the encoded analysis, the held frame's evidence number. */
    record Frame(int seq, long atMillis, byte[] analysis, Integer evidenceSeq) {}

    private final Database db;

    CaptureStore(Database db) {
        this.db = db;
    }

    /**
     * Starts a capture and marks its session {@code in_progress}, in one transaction; false when the session already
     * has one (another request or instance started it first).
     */
    boolean create(Head h) {
        try {
            return db.tx(c -> {
                Database.update(c, "INSERT INTO captures (session_id, organisation_id, plan, threshold, started_at_ms, frames,"
                                + " last_frame_at_ms) VALUES (?, ?, ?, ?, ?, 0, ?)", h.sessionId(), h.organisationId(), h.plan(),
                        h.threshold(), h.startedAtMillis(), h.startedAtMillis());
                Database.update(c, "UPDATE sessions SET status = 'in_progress' WHERE id = ? AND status = 'created'", h.sessionId());
                return true;
            });
        } catch (Database.DataException e) {
            if (Database.isUniqueViolation(e)) return false;
            throw e;
        }
    }

    Optional<Head> head(String sessionId) {
        return db.first("SELECT * FROM captures WHERE session_id = ?", CaptureStore::head, sessionId);
    }

    /** The frames after {@code seq}, in order. */
    List<Frame> framesAfter(String sessionId, int seq) {
        return db.query("SELECT seq, at_ms, analysis, evidence_seq FROM capture_frames WHERE session_id = ? AND seq > ? ORDER BY seq",
                rs -> new Frame(rs.getInt("seq"), rs.getLong("at_ms"), rs.getBytes("analysis"),
                        Database.nullable(rs, "evidence_seq", Integer.class)), sessionId, seq);
    }

    /**
     * Appends frame {@code f.seq()}, which must follow the stored ones directly; false (nothing stored) when another
     * frame took that place first or the capture is gone.
     */
    boolean append(String sessionId, Frame f, long nowMillis) {
        try {
            return db.tx(c -> {
                // the head's row lock orders racing appends; the loser finds the count moved on
                int moved = Database.update(c, "UPDATE captures SET frames = ?, last_frame_at_ms = ? WHERE session_id = ? AND frames = ?",
                        f.seq(), nowMillis, sessionId, f.seq() - 1);
                if (moved != 1) return false;
                Database.update(c, "INSERT INTO capture_frames (session_id, seq, at_ms, analysis, evidence_seq) VALUES (?, ?, ?, ?, ?)",
                        sessionId, f.seq(), f.atMillis(), f.analysis(), f.evidenceSeq());
                return true;
            });
        } catch (Database.DataException e) {
            if (Database.isUniqueViolation(e)) return false;
            throw e;
        }
    }

    /** Captures whose last frame (or start) is older than {@code beforeMillis}. */
    List<String> idle(long beforeMillis) {
        return db.query("SELECT session_id FROM captures WHERE last_frame_at_ms < ?", rs -> rs.getString(1), beforeMillis);
    }

    /** Forgets a finished capture. */
    void delete(String sessionId) {
        db.tx(c -> {
            Database.update(c, "DELETE FROM capture_frames WHERE session_id = ?", sessionId);
            return Database.update(c, "DELETE FROM captures WHERE session_id = ?", sessionId);
        });
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getString("session_id"), rs.getString("organisation_id"), rs.getString("plan"),
                rs.getInt("threshold"), rs.getLong("started_at_ms"), rs.getInt("frames"), rs.getLong("last_frame_at_ms"));
    }
}
