-- An active capture in progress, stored frame by frame so that any instance can take the next frame and a restart
-- (or kill -9) loses nothing: the capture is rebuilt by replaying its frames (docs/CAPTURE.md, "Durable capture").
-- Rows go when the session is finalised.
CREATE TABLE captures (
    session_id        VARCHAR(64)  PRIMARY KEY REFERENCES sessions (id),
    organisation_id   VARCHAR(64)  NOT NULL REFERENCES organisations (id),
    plan              VARCHAR(100) NOT NULL, -- challenge codes in prompt order, comma-separated
    threshold         INTEGER      NOT NULL,
    started_at_ms     BIGINT       NOT NULL, -- server clock, epoch milliseconds
    frames            INTEGER      NOT NULL, -- frames stored in capture_frames, numbered 1..frames
    last_frame_at_ms  BIGINT       NOT NULL
);
CREATE INDEX captures_last_frame ON captures (last_frame_at_ms);

-- One row per frame: its capture time from the start, the engine's analysis (AnalysisCodec: exact, with the texture
-- of a frame held as possible evidence) and, for such a frame, the number of the evidence file its bytes became.
CREATE TABLE capture_frames (
    session_id    VARCHAR(64) NOT NULL REFERENCES captures (session_id),
    seq           INTEGER     NOT NULL,
    at_ms         BIGINT      NOT NULL,
    analysis      BYTEA       NOT NULL,
    evidence_seq  INTEGER,
    PRIMARY KEY (session_id, seq)
);
