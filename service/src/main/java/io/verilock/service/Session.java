package io.verilock.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A verification session as the API shows it. {@code selfie} carries the spec's fields (from creation the configured
 * {@code liveness_mode} and {@code liveness_threshold}, the measured ones null until the selfie step is decided) and is
 * null when the profile has no selfie step; {@code document} likewise for documents.
 */
public record Session(
        String id,
        String status,
        boolean sandbox,
        String workflowId,
        Profile profile,
        Selfie selfie,
        JsonNode document,
        JsonNode analysis,
        Instant createdAt,
        Instant expiresAt,
        Instant finalisedAt,
        Review review,
        @JsonIgnore String organisationId) {

    public static final List<String> OPEN = List.of("created", "in_progress");
    public static final List<String> STATUSES = List.of("created", "in_progress", "approved", "needs_review", "declined", "expired");

    /** The spec's "selfie" object. */
    public record Selfie(String livenessMode, Double livenessScore, Boolean livenessPassed, Integer livenessThreshold,
                         List<String> challengesCompleted, Integer framesCaptured, Double poseVariationScore,
                         Double expressionVariationScore) {
        /** Before the decision: what the profile configured (mode, threshold); the measured fields are null. */
        static Selfie configured(Profile profile) {
            return new Selfie(profile.livenessMode(), null, null, profile.livenessThreshold(), null, null, null, null);
        }
    }

    /** A person's decision on a {@code needs_review} session: who (API key prefix), when, and why. Null until then. */
    public record Review(String decision, String note, String reviewedBy, Instant reviewedAt) {}

    @JsonIgnore
    public boolean isOpen() { return OPEN.contains(status); }
}
