package io.verilock.engine.liveness.eval;

import java.util.List;
import java.util.Map;

/**
 * ISO/IEC 30107-3 figures for one threshold. Rates are fractions (0..1); null where the data has no sample to
 * measure them on.
 *
 * @param apcer          APCER per attack species: attacks of that species accepted as live
 * @param apcerMax       the worst species' APCER (the standard's summary for a system)
 * @param bpcer          bona fide presentations rejected at the threshold
 * @param bpcerAtApcer1  the lowest threshold keeping every species' APCER at or below 1%, and its BPCER (BPCER100)
 * @param bpcerAtApcer5  the same at 5% (BPCER20)
 */
public record EvaluationReport(double threshold, int bonaFide, Map<String, Integer> attacks, Double bpcer,
                               Map<String, Double> apcer, Double apcerMax, OperatingPoint bpcerAtApcer1,
                               OperatingPoint bpcerAtApcer5, List<EvalSample> misclassified) {
    public EvaluationReport {
        attacks = Map.copyOf(attacks);
        apcer = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(apcer));
        misclassified = List.copyOf(misclassified);
    }
}
