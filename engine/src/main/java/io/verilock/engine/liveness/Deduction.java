package io.verilock.engine.liveness;

/**
 * One reason the score is lower than its factors alone would give.
 *
 * @param code   stable machine-readable code (e.g. {@code texture_spoof}, {@code challenge_not_completed})
 * @param reason human-readable explanation with the measured values
 * @param capAt  the score was capped at this value (null when the deduction is not a cap)
 */
public record Deduction(String code, String reason, Double capAt) {
}
