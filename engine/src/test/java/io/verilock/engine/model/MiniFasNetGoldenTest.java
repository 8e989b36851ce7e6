package io.verilock.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both MiniFASNet networks, read from the published {@code .pth} files and converted in Java, against PyTorch's logits
 * on the same crops ({@code engine/tools/minifasnet_reference.py}, committed under {@code golden/minifasnet*}).
 * The weights come through the model store: its folder, or seeded from {@code ../shared/models/minifasnet}.
 */
class MiniFasNetGoldenTest {
    private static final double TOLERANCE = 1e-4;

    static Path weights(MiniFasNetModel m) throws IOException {
        Optional<Path> p = ModelStore.fromEnvironment().local(m);
        Assumptions.assumeTrue(p.isPresent(), "skipped: " + m.file() + " neither in the model store nor in the seed folder"
                + " (verilock.models.seed = " + System.getProperty("verilock.models.seed") + ")");
        return p.get();
    }

    @Test
    void stateDictHasEveryTensorOfTheArchitecture() throws IOException {
        Map<String, ConstTensor> v2 = TorchStateDict.read(weights(MiniFasNetModel.V2));
        assertThat(v2.keySet()).allMatch(k -> k.startsWith("module."));
        assertThat(v2.get("module.conv1.conv.weight").shape()).containsExactly(32, 3, 3, 3);
        assertThat(v2.get("module.conv_6_dw.conv.weight").shape()).containsExactly(512, 1, 5, 5);
        assertThat(v2.get("module.prob.weight").shape()).containsExactly(3, 128);
        long params = v2.entrySet().stream().filter(e -> !e.getKey().contains("running_"))
                .mapToLong(e -> e.getValue().size()).sum();
        assertThat(params).isBetween(400_000L, 460_000L); // ~434 k (README of the weights)
        Map<String, ConstTensor> se = TorchStateDict.read(weights(MiniFasNetModel.V1SE));
        assertThat(se).containsKey("module.conv_3.model.3.se_module.fc1.weight").doesNotContainKey("module.conv_3.model.2.se_module.fc1.weight");
    }

    @Test
    void convertedModelsMatchPyTorchLogits() throws IOException {
        JsonNode manifest;
        try (InputStream in = getClass().getResourceAsStream("/golden/minifasnet.json")) {
            manifest = new ObjectMapper().readTree(in);
        }
        for (MiniFasNetModel m : MiniFasNetModel.values()) {
            JsonNode cases = manifest.path("models").path(m.modelName()).path("cases");
            assertThat(cases.size()).as(m.modelName() + " golden cases").isGreaterThanOrEqualTo(4);
            try (OnnxModel onnx = OnnxModel.load(m, m.toOnnx(weights(m)), 1)) {
                for (JsonNode c : cases) {
                    float[] input = GoldenOutputsTest.floats(c.path("input").asText());
                    float[] expected = GoldenOutputsTest.floats(c.path("logits").asText());
                    float[] actual = onnx.run(input, 1)[0];
                    assertThat(actual).hasSize(3);
                    for (int k = 0; k < 3; k++) {
                        assertThat((double) actual[k]).as(m.modelName() + " " + c.path("input").asText() + " logit " + k)
                                .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(TOLERANCE));
                    }
                }
            }
        }
    }
}
