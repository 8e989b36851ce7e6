package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.liveness.eval.EvalCase;
import io.verilock.engine.liveness.eval.EvalRunner;
import io.verilock.engine.liveness.eval.EvalSample;
import io.verilock.engine.liveness.eval.Evaluation;
import io.verilock.engine.liveness.eval.PhotoDeck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The labelled real-media cases in {@code src/test/resources/cases}; skips where the data or the analyzer is absent. */
class RealCasesTest {

    static Path dataRoot() {
        String prop = System.getProperty("verilock.data");
        Path root = prop == null ? null : Path.of(prop);
        Assumptions.assumeTrue(root != null && Files.isDirectory(root),
                "real media not present (verilock.data=" + prop + "): skipping real-data cases");
        return root;
    }

    static List<EvalCase> cases(String name) throws Exception {
        return EvalCase.read(Path.of(RealCasesTest.class.getResource("/cases/" + name).toURI()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"active.csv", "passive.csv", "limits.csv", "decks.csv"})
    void everyCaseParsesAndPointsAtExistingMedia(String name) throws Exception {
        List<EvalCase> cases = cases(name);
        assertThat(cases).isNotEmpty();
        assertThat(cases).anyMatch(c -> !c.label().equals(EvalSample.BONA_FIDE));
        if (!name.equals("limits.csv") && !name.equals("decks.csv"))
            assertThat(cases).anyMatch(c -> c.label().equals(EvalSample.BONA_FIDE));
        Path root = dataRoot();
        for (EvalCase c : cases) {
            Path media = PhotoDeck.isDeck(c.path()) ? root.resolve(PhotoDeck.parse(c.path()).folder()) : root.resolve(c.path());
            assertThat(media).as("line %d", c.line()).exists();
        }
        for (EvalCase c : cases)
            if (Files.isDirectory(root.resolve(c.path())) && c.to() != null)
                assertThat(RecordedSequence.frames(root.resolve(c.path()), c.from(), c.to())).as("line %d", c.line())
                        .hasSize(c.to() - (c.from() == null ? 0 : c.from()) + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"active.csv", "passive.csv", "decks.csv"})
    void evaluatesOnceTheAnalyzerExists(String name) throws Exception {
        // about a minute per set with the real analyzer; the build sets -Dverilock.cases=run (parent pom)
        String strict = System.getProperty("verilock.cases.strict", "");
        Assumptions.assumeTrue("run".equals(System.getProperty("verilock.cases")) || !strict.isEmpty(),
                "real-data evaluation runs with -Dverilock.cases=run (or -Dverilock.cases.strict=active.csv,...)");
        Path root = dataRoot();
        FaceAnalyzer analyzer;
        try {
            analyzer = FaceAnalyzers.open(1);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("face analyzer not available yet: " + e.getMessage());
            return;
        }
        LivenessConfig config = LivenessConfig.defaults();
        List<EvalRunner.Outcome> outcomes = new ArrayList<>();
        try (analyzer) {
            for (EvalCase c : cases(name)) outcomes.add(EvalRunner.run(analyzer, c, root, config));
        }
        List<EvalSample> samples = outcomes.stream().map(EvalRunner.Outcome::sample).toList();
        System.out.println(Evaluation.markdown(Evaluation.evaluate(samples, config.threshold()), null));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).as(o.testCase().path()).isNull());
        if (name.equals("passive.csv")) passiveTargets(outcomes, config);
        if (java.util.Arrays.asList(strict.split(",")).contains(name))
            assertThat(samples).allSatisfy(s -> assertThat(s.acceptedAt(config.threshold())).as(s.path() + ": " + s.reason())
                    .isEqualTo(s.bonaFide()));
    }

    /**
     * Issue #10's targets, per source (first folder of the path; each LivePortrait clip alone): BPCER at most 5% at
     * the threshold for each source with at least 20 genuine faces judged (a retake is not a verdict and is counted
     * apart; headtrackr is the one known exception), and every print or replay photo below the threshold. Prints
     * the per-source table it checks.
     */
    static void passiveTargets(List<EvalRunner.Outcome> outcomes, LivenessConfig config) {
        java.util.Map<String, int[]> bySource = new java.util.TreeMap<>(); // genuine, retake, rejected, attacks, accepted
        List<String> accepted = new ArrayList<>(), rejected = new ArrayList<>();
        for (EvalRunner.Outcome o : outcomes) {
            String path = o.testCase().path();
            String[] parts = path.split("/");
            String source = parts[0].equals("liveportrait-driving") ? parts[0] + "/" + parts[1] : parts[0];
            int[] c = bySource.computeIfAbsent(source, k -> new int[5]);
            double score = o.sample().score();
            String label = o.testCase().label();
            boolean retake = o.result() != null && o.result().analysis().quality() != null && o.result().analysis().quality().retake();
            if (label.equals(EvalSample.BONA_FIDE)) {
                c[0]++;
                if (retake) c[1]++;
                else if (score < config.threshold()) {
                    c[2]++;
                    rejected.add(path + " " + score);
                }
            } else if (label.equals("print") || label.equals("replay")) {
                c[3]++;
                if (score >= config.threshold()) {
                    c[4]++;
                    accepted.add(path + " " + score);
                }
            }
        }
        System.out.println("| source | genuine | retake | BPCER at " + config.threshold() + " | print/replay | accepted |");
        bySource.forEach((k, c) -> System.out.printf(java.util.Locale.ROOT, "| %s | %d | %d | %d/%d (%.1f%%) | %d | %d |%n",
                k, c[0], c[1], c[2], c[0] - c[1], 100.0 * c[2] / Math.max(1, c[0] - c[1]), c[3], c[4]));
        rejected.forEach(r -> System.out.println("  genuine rejected: " + r));
        accepted.forEach(a -> System.out.println("  ATTACK ACCEPTED: " + a));
        assertThat(accepted).as("print and replay photos accepted").isEmpty();
        bySource.forEach((k, c) -> {
            if (c[0] - c[1] < 20) return;
            // Known above target: headtrackr's 320x240 webcam (leave-one-source-out 6.9%, docs/TEXTURE.md); held to
            // what it measured here (3 of 29) so that it cannot get worse unnoticed.
            double target = k.equals("headtrackr-webcam") ? 100.0 * 3 / 29 : 5.0;
            assertThat(100.0 * c[2] / (c[0] - c[1])).as("BPCER of " + k).isLessThanOrEqualTo(target);
        });
    }
}
