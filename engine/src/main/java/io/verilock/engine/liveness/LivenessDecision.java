package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

/** The engine's verdict on a liveness result; the service maps it onto its session statuses. */
public enum LivenessDecision {
    /** At or above the threshold. */
    PASS("pass"),
    /** The spec's moderate band (review floor up to the threshold): may warrant manual review. */
    REVIEW("review"),
    /** Likely spoofed, or the sequence failed. */
    FAIL("fail");

    private final String code;

    LivenessDecision(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }
}
