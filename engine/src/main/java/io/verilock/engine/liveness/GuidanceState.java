package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a session's challenge sequence stands. */
public enum GuidanceState {
    /** Looking for the subject's neutral face; no prompt yet. */
    BASELINE("baseline"),
    /** A challenge is prompted and awaited. */
    PROMPTING("prompting"),
    /** Every challenge completed; finalise the session. */
    DONE("done"),
    /** A timeout (or abandonment) ended the sequence; finalise the session. */
    FAILED("failed");

    private final String code;

    GuidanceState(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }

    public boolean finished() { return this == DONE || this == FAILED; }
}
