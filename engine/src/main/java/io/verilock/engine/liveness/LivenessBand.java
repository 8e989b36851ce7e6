package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

/** The spec's interpretation bands of a 0-100 liveness score. */
public enum LivenessBand {
    VERY_HIGH("very_high"), HIGH("high"), REVIEW("review"), SPOOF("spoof");

    private final String code;

    LivenessBand(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }

    public static LivenessBand of(double score) {
        if (score >= 90) return VERY_HIGH;
        if (score >= 75) return HIGH;
        if (score >= 50) return REVIEW;
        return SPOOF;
    }
}
