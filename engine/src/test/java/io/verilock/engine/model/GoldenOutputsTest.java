package io.verilock.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The converted ONNX models against TF.js (cpu backend) on the same inputs: crops of the built-in subject,
 * committed with the reference outputs under {@code golden/} (see {@code src/test/tfjs}).
 */
class GoldenOutputsTest {

    /** Allowed difference: absolute up to magnitude 1, relative above (regressions are in crop pixels). */
    private static final double TOLERANCE = 1e-3;

    private static JsonNode manifest() throws IOException {
        try (InputStream in = GoldenOutputsTest.class.getResourceAsStream("/golden/manifest.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static float[] floats(String file) throws IOException {
        try (InputStream in = GoldenOutputsTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) throw new IOException("missing fixture " + file);
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] f = new float[b.remaining() / 4];
            b.asFloatBuffer().get(f);
            return f;
        }
    }

    static FaceModel byName(String name) {
        return Arrays.stream(FaceModel.values()).filter(m -> m.modelName().equals(name)).findFirst().orElseThrow();
    }

    /** Largest |a - b| / max(1, |b|). */
    static double maxDiff(float[] actual, float[] expected) {
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            double d = Math.abs(actual[k] - expected[k]) / Math.max(1.0, Math.abs(expected[k]));
            if (!(d <= worst)) worst = d; // NaN counts as worst
        }
        return worst;
    }

    @TestFactory
    List<DynamicTest> everyOutputOfEveryModelMatchesTfjs() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : manifest()) {
            FaceModel m = byName(entry.path("model").asText());
            tests.add(DynamicTest.dynamicTest(m.modelName(), () -> {
                List<String> tfOutputs = new ArrayList<>();
                entry.path("tfOutputs").forEach(n -> tfOutputs.add(n.asText()));
                assertThat(tfOutputs).as("output order").containsExactlyElementsOf(
                        m.outputs().stream().map(FaceModel.Output::tfNode).toList());
                try (OnnxModel onnx = OnnxModel.load(m, 1)) {
                    double worst = 0;
                    for (JsonNode c : entry.path("cases")) {
                        float[][] out = onnx.run(floats(c.path("input").asText()), 1);
                        assertThat(out.length).isEqualTo(c.path("outputs").size());
                        for (int j = 0; j < out.length; j++) {
                            float[] expected = floats(c.path("outputs").get(j).path("file").asText());
                            assertThat(out[j]).as("%s output %s length", m, m.outputs().get(j).name())
                                    .hasSize(expected.length);
                            double d = maxDiff(out[j], expected);
                            assertThat(d).as("%s output %s max diff", m, m.outputs().get(j).name())
                                    .isLessThanOrEqualTo(TOLERANCE);
                            worst = Math.max(worst, d);
                        }
                    }
                    System.out.printf("golden %-26s max diff %.2e%n", m.modelName(), worst);
                }
            }));
        }
        assertThat(tests).hasSize(FaceModel.values().length);
        return tests;
    }

    /** Two items in one call give what two single calls give (the batch stays free, also for blazeface-front). */
    @Test
    void batchesMatchSingleRuns() throws IOException {
        for (FaceModel m : List.of(FaceModel.BLAZEFACE_FRONT, FaceModel.FACEMESH_DETECTION_SHORT, FaceModel.FACEMESH)) {
            JsonNode cases = null;
            for (JsonNode e : manifest()) if (e.path("model").asText().equals(m.modelName())) cases = e.path("cases");
            float[] a = floats(cases.get(0).path("input").asText()), b = floats(cases.get(1).path("input").asText());
            float[] ab = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, ab, a.length, b.length);
            try (OnnxModel onnx = OnnxModel.load(m, 1)) {
                float[][] single0 = onnx.run(a, 1), single1 = onnx.run(b, 1), both = onnx.run(ab, 2);
                for (int j = 0; j < both.length; j++) {
                    int n = single0[j].length;
                    assertThat(maxDiff(Arrays.copyOfRange(both[j], 0, n), single0[j])).isLessThan(1e-5);
                    assertThat(maxDiff(Arrays.copyOfRange(both[j], n, 2 * n), single1[j])).isLessThan(1e-5);
                }
            }
        }
    }
}
