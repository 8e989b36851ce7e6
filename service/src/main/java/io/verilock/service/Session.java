package io.verilock.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A verification session as the API shows it. {@code selfie} carries the spec's fields (all null until the selfie
 * step is finalised) and is null when the profile has no selfie step; {@code document} likewise for documents.
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
        @JsonIgnore String organisationId) {

    public static final List<String> OPEN = List.of("created", "in_progress");
    public static final List<String> STATUSES = List.of("created", "in_progress", "approved", "needs_review", "declined", "expired");

    /** The spec's "selfie" object. */
    public record Selfie(String livenessMode, Double livenessScore, Boolean livenessPassed, Integer livenessThreshold,
                         List<String> challengesCompleted, Integer framesCaptured, Double poseVariationScore,
                         Double expressionVariationScore) {
        static final Selfie PENDING = new Selfie(null, null, null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isOpen() { return OPEN.contains(status); }
}
