-- Sessions the demo page created, and the browser that created each (SHA-256 of its demo cookie): GET /demo/sessions/{id}
-- shows only these, only to that browser.
CREATE TABLE demo_sessions (
    session_id    VARCHAR(64) PRIMARY KEY REFERENCES sessions (id),
    browser_hash  CHAR(64)    NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
