package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum LivenessMode {
    PASSIVE("passive"), ACTIVE("active");

    private final String code;

    LivenessMode(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }

    public static LivenessMode fromCode(String code) {
        for (LivenessMode m : values()) if (m.code.equals(code.trim().toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("unknown liveness mode '" + code + "' (expected passive or active)");
    }
}
