package io.verilock.engine.liveness.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {

    static EvalSample s(String label, double score) {
        return new EvalSample(label + "-" + score, label, score, "why " + score);
    }

    static List<EvalSample> handExample() {
        return List.of(s("genuine", 95), s("genuine", 85), s("genuine", 80), s("genuine", 70), s("genuine", 60),
                s("print", 10), s("print", 20), s("print", 76), s("print", 30),
                s("replay", 40), s("replay", 90));
    }

    @Test
    void ratesAtTheThresholdMatchAHandComputation() {
        EvaluationReport r = Evaluation.evaluate(handExample(), 75);
        assertThat(r.bonaFide()).isEqualTo(5);
        assertThat(r.bpcer()).isEqualTo(0.4);                  // 70 and 60 rejected
        assertThat(r.apcer()).containsEntry("print", 0.25)    // 76 accepted of 4
                .containsEntry("replay", 0.5);                 // 90 accepted of 2
        assertThat(r.apcerMax()).isEqualTo(0.5);
        // no attack below 1% or 5% until every attack is rejected: just above 90, bona fide 85/80/70/60 rejected
        assertThat(r.bpcerAtApcer1().threshold()).isEqualTo(Math.nextUp(90.0));
        assertThat(r.bpcerAtApcer1().bpcer()).isEqualTo(0.8);
        assertThat(r.bpcerAtApcer5().bpcer()).isEqualTo(0.8);
        assertThat(r.misclassified()).extracting(EvalSample::score).containsExactlyInAnyOrder(70.0, 60.0, 76.0, 90.0);
    }

    @Test
    void bpcerAt5And1PercentPickTheLowestQualifyingThreshold() {
        List<EvalSample> samples = new ArrayList<>(List.of(s("genuine", 95), s("genuine", 85), s("genuine", 80),
                s("genuine", 70), s("genuine", 60)));
        for (int i = 0; i < 19; i++) samples.add(s("print", 10));
        samples.add(s("print", 80));
        EvaluationReport r = Evaluation.evaluate(samples, 75);
        assertThat(r.apcer().get("print")).isCloseTo(0.05, within(1e-12));
        assertThat(r.bpcerAtApcer5().threshold()).isEqualTo(Math.nextUp(10.0)); // 1 of 20 prints accepted = 5%
        assertThat(r.bpcerAtApcer5().bpcer()).isZero();
        assertThat(r.bpcerAtApcer1().threshold()).isEqualTo(Math.nextUp(80.0)); // every print rejected
        assertThat(r.bpcerAtApcer1().bpcer()).isEqualTo(0.6);
    }

    @Test
    void writesADetCurveAndAMarkdownReport(@TempDir Path dir) throws Exception {
        List<EvalSample> samples = handExample();
        EvaluationReport r = Evaluation.evaluate(samples, 75);
        Path png = dir.resolve("det.png");
        DetChart.write(Evaluation.curve(samples), Evaluation.pooledCurve(samples),
                new OperatingPoint(75, r.apcerMax(), r.bpcer()), png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(640);
        String md = Evaluation.markdown(r, "det.png");
        assertThat(md).contains("| APCER replay (2 attacks) | 50.0% |", "| BPCER at threshold | 40.0% |",
                "| print-76.0 | print | 76.0 | accepted (attack) | why 76.0 |", "![DET curve](det.png)");
    }

    @Test
    void probitIsTheInverseNormal() {
        assertThat(DetChart.probit(0.5)).isCloseTo(0, within(1e-9));
        assertThat(DetChart.probit(0.975)).isCloseTo(1.959964, within(1e-5));
        assertThat(DetChart.probit(0.001)).isCloseTo(-3.090232, within(1e-5));
    }

    @Test
    void ratesAreAbsentWithoutSamplesToMeasureThem() {
        EvaluationReport r = Evaluation.evaluate(List.of(s("genuine", 80)), 75);
        assertThat(r.apcerMax()).isNull();
        assertThat(r.bpcerAtApcer1()).isNull();
        assertThat(r.bpcer()).isZero();
    }
}
