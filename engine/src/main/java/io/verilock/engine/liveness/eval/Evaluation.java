package io.verilock.engine.liveness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Presentation-attack-detection error rates after ISO/IEC 30107-3: APCER per attack species, BPCER at the
 * operating threshold, and BPCER at the thresholds where the worst species' APCER reaches 1% and 5%. A sample is
 * accepted as live when its score is at or above the threshold (the same rule as {@code liveness_passed}).
 */
public final class Evaluation {
    private Evaluation() {}

    public static EvaluationReport evaluate(List<EvalSample> samples, double threshold) {
        List<EvalSample> bona = samples.stream().filter(EvalSample::bonaFide).toList();
        Map<String, List<EvalSample>> species = attacksBySpecies(samples);
        Map<String, Double> apcer = new TreeMap<>();
        species.forEach((s, list) -> apcer.put(s, apcer(list, threshold)));
        Double apcerMax = apcer.values().stream().max(Double::compare).orElse(null);
        Map<String, Integer> counts = new TreeMap<>();
        species.forEach((s, list) -> counts.put(s, list.size()));
        List<EvalSample> wrong = samples.stream().filter(s -> s.acceptedAt(threshold) != s.bonaFide()).toList();
        return new EvaluationReport(threshold, bona.size(), counts, bona.isEmpty() ? null : bpcer(bona, threshold),
                apcer, apcerMax, atApcer(samples, 0.01), atApcer(samples, 0.05), wrong);
    }

    /**
     * The lowest threshold at which every species' APCER is at most {@code target} (the lowest such threshold has the
     * lowest BPCER); null without both bona fide and attack samples.
     */
    public static OperatingPoint atApcer(List<EvalSample> samples, double target) {
        List<OperatingPoint> curve = curve(samples);
        if (curve.isEmpty()) return null;
        for (OperatingPoint p : curve) if (p.apcer() <= target + 1e-12) return p;
        return curve.get(curve.size() - 1);
    }

    /**
     * Every distinct operating point, thresholds ascending: each observed score and the value just above it (so the
     * point "reject this attack and everything below" is reported at the attack's score, not at the next bona fide
     * score). Used for the DET curve and the BPCER-at-APCER points.
     */
    public static List<OperatingPoint> curve(List<EvalSample> samples) {
        List<EvalSample> bona = samples.stream().filter(EvalSample::bonaFide).toList();
        Map<String, List<EvalSample>> species = attacksBySpecies(samples);
        if (bona.isEmpty() || species.isEmpty()) return List.of();
        TreeSet<Double> thresholds = new TreeSet<>();
        for (EvalSample s : samples) {
            thresholds.add(s.score());
            thresholds.add(Math.nextUp(s.score()));
        }
        List<OperatingPoint> out = new ArrayList<>();
        for (double t : thresholds) {
            double worst = species.values().stream().mapToDouble(l -> apcer(l, t)).max().orElse(0);
            out.add(new OperatingPoint(t, worst, bpcer(bona, t)));
        }
        return out;
    }

    /** The same curve with all attacks pooled (one species), for a DET plot of the whole attack set. */
    public static List<OperatingPoint> pooledCurve(List<EvalSample> samples) {
        return curve(samples.stream().map(s -> s.bonaFide() ? s : new EvalSample(s.path(), "attack", s.score(), s.reason()))
                .toList());
    }

    private static Map<String, List<EvalSample>> attacksBySpecies(List<EvalSample> samples) {
        return samples.stream().filter(s -> !s.bonaFide())
                .collect(Collectors.groupingBy(EvalSample::label, TreeMap::new, Collectors.toList()));
    }

    private static double apcer(List<EvalSample> attacks, double t) {
        return attacks.stream().filter(s -> s.acceptedAt(t)).count() / (double) attacks.size();
    }

    private static double bpcer(List<EvalSample> bona, double t) {
        return bona.stream().filter(s -> !s.acceptedAt(t)).count() / (double) bona.size();
    }

    /** A markdown report: the figures, then every misclassified sample with the analysis' reason. */
    public static String markdown(EvaluationReport r, String detImage) {
        StringBuilder md = new StringBuilder("# Liveness evaluation (ISO/IEC 30107-3)\n\n");
        md.append(String.format(Locale.ROOT, "Threshold: %.1f (accepted as live when score >= threshold)%n%n", r.threshold()));
        md.append("| figure | value |\n|---|---|\n");
        md.append("| bona fide presentations | ").append(r.bonaFide()).append(" |\n");
        md.append("| BPCER at threshold | ").append(pct(r.bpcer())).append(" |\n");
        r.apcer().forEach((s, v) -> md.append("| APCER ").append(s).append(" (").append(r.attacks().get(s))
                .append(" attacks) | ").append(pct(v)).append(" |\n"));
        md.append("| APCER, worst species | ").append(pct(r.apcerMax())).append(" |\n");
        md.append("| BPCER at APCER 1% (BPCER100) | ").append(point(r.bpcerAtApcer1())).append(" |\n");
        md.append("| BPCER at APCER 5% (BPCER20) | ").append(point(r.bpcerAtApcer5())).append(" |\n\n");
        if (detImage != null) md.append("![DET curve](").append(detImage).append(")\n\n");
        md.append("## Misclassified samples (").append(r.misclassified().size()).append(")\n\n");
        if (r.misclassified().isEmpty()) md.append("None.\n");
        else {
            md.append("| sample | label | score | verdict | reason |\n|---|---|---|---|---|\n");
            for (EvalSample s : r.misclassified())
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s |%n", s.path(), s.label(), s.score(),
                        s.bonaFide() ? "rejected (bona fide)" : "accepted (attack)", s.reason().replace("|", "/")));
        }
        return md.toString();
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String point(OperatingPoint p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%s (threshold %.2f, worst APCER %s)", pct(p.bpcer()),
                p.threshold(), pct(p.apcer()));
    }
}
