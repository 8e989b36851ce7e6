package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One active-liveness action, named by its API code. Directions are the subject's own: {@code head_left} means the
 * person turns to their own left, which on an unmirrored camera frame is a negative yaw.
 */
public enum Challenge {
    HEAD_LEFT("head_left", Factor.POSE),
    HEAD_RIGHT("head_right", Factor.POSE),
    SMILE("smile", Factor.EXPRESSION),
    BLINK("blink", Factor.EXPRESSION);

    /** Which half of the spec's 50/50 score a challenge feeds. */
    public enum Factor { POSE, EXPRESSION }

    private final String code;
    private final Factor factor;

    Challenge(String code, Factor factor) {
        this.code = code;
        this.factor = factor;
    }

    @JsonValue
    public String code() { return code; }

    public Factor factor() { return factor; }

    /** The API code, so that messages and lists read as the API does. */
    @Override
    public String toString() { return code; }

    /** Parses an API code ({@code head_left}, ...); case-insensitive, surrounding blanks ignored. */
    public static Challenge fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.code.equals(c)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown challenge '" + code + "' (expected one of " + codes() + ")"));
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Challenge::code).toList();
    }
}
