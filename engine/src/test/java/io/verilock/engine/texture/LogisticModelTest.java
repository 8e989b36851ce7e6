package io.verilock.engine.texture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticModelTest {
    @Test
    void learnsALinearBoundaryAndRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        Random rnd = new Random(1);
        int n = 400;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rnd.nextGaussian() * 3 + 10;
            x[i][1] = rnd.nextGaussian();
            y[i] = x[i][0] + 0.2 * rnd.nextGaussian() > 10 ? 1 : 0;
        }
        double[] w = new double[n];
        Arrays.fill(w, 1);
        LogisticModel m = LogisticModel.fit(x, y, w, 0.1, "test");
        int correct = 0;
        for (int i = 0; i < n; i++) correct += (m.probability(x[i]) >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        assertThat(correct).isGreaterThan(380);
        assertThat(m.weights()[0]).isGreaterThan(Math.abs(m.weights()[1]) * 5);
        assertThat(m.probability(new double[] {20, 0})).isGreaterThan(0.99);
        assertThat(m.probability(new double[] {0, 0})).isLessThan(0.01);

        Path file = dir.resolve("m.json");
        m.write(file);
        try (InputStream in = Files.newInputStream(file)) {
            LogisticModel back = LogisticModel.read(in);
            assertThat(back.probability(new double[] {10.3, 0.5})).isCloseTo(m.probability(new double[] {10.3, 0.5}), within(1e-12));
        }
    }

    @Test
    void solvesASymmetricSystem() {
        double[] x = LogisticModel.solveSpd(new double[][] {{4, 1}, {1, 3}}, new double[] {1, 2});
        assertThat(x[0]).isCloseTo(1.0 / 11, within(1e-12));
        assertThat(x[1]).isCloseTo(7.0 / 11, within(1e-12));
    }
}
