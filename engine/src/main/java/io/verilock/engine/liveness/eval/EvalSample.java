package io.verilock.engine.liveness.eval;

/**
 * One scored presentation.
 *
 * @param path   where it came from (for the report)
 * @param label  {@code genuine} for a bona fide presentation, otherwise the attack species (print, replay, ...)
 * @param score  liveness score, higher = more live
 * @param reason the analysis' explanation (deductions, stop reason), quoted when the sample is misclassified
 */
public record EvalSample(String path, String label, double score, String reason) {
    public static final String BONA_FIDE = "genuine";

    public boolean bonaFide() { return BONA_FIDE.equals(label); }

    /** Classified as a live (bona fide) presentation at this threshold. */
    public boolean acceptedAt(double threshold) { return score >= threshold; }
}
