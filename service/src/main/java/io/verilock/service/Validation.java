package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns request JSON into values or a field error. Wrong JSON types are 400s; well-typed but unacceptable
 * values are 422s. Every error names the offending field by its path in the request body.
 */
public final class Validation {
    private static final Set<String> PROFILE_KEYS =
            Set.of("steps", "channel", "liveness_mode", "liveness_threshold", "liveness_challenges");
    private static final String DEFAULT_MODE = "passive";

    private Validation() {}

    /**
     * Applies the profile-shaped {@code overrides} (may be null: nothing overridden) on top of {@code base}.
     * {@code prefix} is where the object sits in the body ("profile" or "" for a workflow body);
     * {@code extraKeys} are other keys allowed in the same object (a workflow's "name").
     */
    public static Profile resolve(Profile base, JsonNode overrides, String prefix, Set<String> extraKeys) {
        if (overrides == null || overrides.isMissingNode()) return base;
        if (!overrides.isObject()) throw type(prefix, "an object");
        rejectUnknownKeys(overrides, prefix, PROFILE_KEYS, extraKeys);

        List<String> steps = overrides.has("steps") ? steps(overrides.get("steps"), path(prefix, "steps")) : base.steps();
        String channel = overrides.has("channel")
                ? oneOf(overrides.get("channel"), path(prefix, "channel"), Profile.CHANNELS, "unknown_channel")
                : base.channel();
        String mode = overrides.has("liveness_mode")
                ? oneOf(overrides.get("liveness_mode"), path(prefix, "liveness_mode"), Profile.MODES, "unknown_liveness_mode")
                : null;
        Integer threshold = overrides.has("liveness_threshold")
                ? threshold(overrides.get("liveness_threshold"), path(prefix, "liveness_threshold"))
                : null;
        List<String> challenges = overrides.has("liveness_challenges")
                ? challenges(overrides.get("liveness_challenges"), path(prefix, "liveness_challenges"))
                : null;

        if (!steps.contains("selfie")) {
            // Liveness belongs to the selfie step; asking for it without one is a mistake worth reporting.
            String given = mode != null ? "liveness_mode" : threshold != null ? "liveness_threshold"
                    : challenges != null ? "liveness_challenges" : null;
            if (given != null) {
                throw ApiError.invalid("liveness_without_selfie",
                        "Liveness settings need a selfie step in the profile", path(prefix, given));
            }
            return new Profile(steps, channel, null, null, null);
        }
        mode = firstNonNull(mode, base.livenessMode(), DEFAULT_MODE);
        threshold = firstNonNull(threshold, base.livenessThreshold(), Profile.DEFAULT.livenessThreshold());
        challenges = firstNonNull(challenges, base.livenessChallenges(), Profile.CHALLENGES);
        if ("active".equals(mode) && "api".equals(channel)) {
            throw ApiError.invalid("active_liveness_requires_sdk",
                    "Active liveness needs an SDK capture; it is not available for API-only (channel \"api\") flows",
                    path(prefix, "liveness_mode"));
        }
        return new Profile(steps, channel, mode, threshold, challenges);
    }

    public static void rejectUnknownKeys(JsonNode object, String prefix, Set<String> known, Set<String> extra) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key) && !extra.contains(key)) {
                throw ApiError.invalid("unknown_field", "Unknown field '" + key + "'", path(prefix, key));
            }
        }
    }

    public static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) throw type(field, "a string");
        requireNoNul(node.textValue(), field);
        return node.textValue();
    }

    /** U+0000 is valid JSON but no text column stores it (PostgreSQL refuses it): refused as the client's error. */
    static void requireNoNul(String value, String field) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw ApiError.invalid("invalid_character", "'" + field + "' must not contain the NUL character (U+0000)", field);
        }
    }

    private static List<String> steps(JsonNode node, String field) {
        List<String> steps = strings(node, field);
        if (steps.isEmpty()) throw ApiError.invalid("empty_steps", "At least one step is required", field);
        Set<String> seen = new HashSet<>();
        for (String s : steps) {
            if (!Profile.STEPS.contains(s)) {
                throw ApiError.invalid("unknown_step", "Unknown step '" + s + "'; expected one of " + Profile.STEPS, field);
            }
            if (!seen.add(s)) throw ApiError.invalid("duplicate_step", "Step '" + s + "' is repeated", field);
        }
        return List.copyOf(steps);
    }

    private static List<String> challenges(JsonNode node, String field) {
        List<String> challenges = strings(node, field);
        if (challenges.isEmpty()) {
            throw ApiError.invalid("empty_challenges", "At least one liveness challenge is required", field);
        }
        Set<String> seen = new HashSet<>();
        for (String c : challenges) {
            if (!Profile.CHALLENGES.contains(c)) {
                throw ApiError.invalid("unknown_challenge",
                        "Unknown challenge '" + c + "'; expected a subset of " + Profile.CHALLENGES, field);
            }
            if (!seen.add(c)) throw ApiError.invalid("duplicate_challenge", "Challenge '" + c + "' is repeated", field);
        }
        return List.copyOf(challenges);
    }

    private static Integer threshold(JsonNode node, String field) {
        if (!node.isNumber()) throw type(field, "an integer");
        if (!node.isIntegralNumber()) {
            throw ApiError.invalid("threshold_not_integer", "liveness_threshold must be a whole number", field);
        }
        if (!node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 100) {
            throw ApiError.invalid("threshold_out_of_range", "liveness_threshold must be between 0 and 100", field);
        }
        return node.intValue();
    }

    private static String oneOf(JsonNode node, String field, List<String> allowed, String code) {
        String v = text(node, field);
        if (v == null) throw type(field, "a string");
        if (!allowed.contains(v)) throw ApiError.invalid(code, "'" + v + "' is not one of " + allowed, field);
        return v;
    }

    private static List<String> strings(JsonNode node, String field) {
        if (!node.isArray()) throw type(field, "an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isTextual()) throw type(field, "an array of strings");
            out.add(e.textValue());
        }
        return out;
    }

    static ApiError type(String field, String expected) {
        return ApiError.badRequest("invalid_type", "'" + field + "' must be " + expected, field);
    }

    static String path(String prefix, String key) { return prefix.isEmpty() ? key : prefix + "." + key; }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }
}
