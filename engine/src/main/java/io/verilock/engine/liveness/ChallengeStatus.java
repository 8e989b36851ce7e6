package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

public enum ChallengeStatus {
    COMPLETED("completed"),
    TIMED_OUT("timed_out"),
    /** The sequence ended (an earlier timeout, or abandonment) before this challenge was prompted. */
    NOT_PROMPTED("not_prompted"),
    ABANDONED("abandoned");

    private final String code;

    ChallengeStatus(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }
}
