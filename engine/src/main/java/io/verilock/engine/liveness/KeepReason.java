package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a frame was kept as evidence. */
public enum KeepReason {
    BASELINE("baseline"),
    TURN_PEAK("turn_peak"),
    TURN_RETURN("turn_return"),
    EYES_CLOSED("eyes_closed"),
    EYES_REOPENED("eyes_reopened"),
    SMILE_ONSET("smile_onset"),
    SMILE_PEAK("smile_peak"),
    PASSIVE("passive_photo");

    private final String code;

    KeepReason(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }
}
