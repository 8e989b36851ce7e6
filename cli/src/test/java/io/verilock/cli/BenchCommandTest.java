package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    /** Figures are measured, never asserted: this checks what each mode runs, from the stages it reports. */
    @Test
    void stillRunsEveryModelAndStreamFollowsTheFaceWithoutTexture() throws Exception {
        JsonNode still = bench("--mode", "STILL");
        assertThat(still.get("mode").asText()).isEqualTo("still");
        assertThat(still.get("frame_ms").get("median").asDouble()).isPositive();
        assertThat(still.get("models").fieldNames()).toIterable()
                .contains("decode", "detector", "facemesh", "iris", "emotion", "minifasnet", "texture_cues")
                .doesNotContain("antispoof", "liveness"); // the human library's texture models are no longer run

        // One warm-up frame is detected; the three measured frames are followed from landmarks (detection every 5th).
        JsonNode stream = bench("--mode", "STREAM");
        assertThat(stream.get("models").fieldNames()).toIterable()
                .contains("decode", "facemesh", "iris", "emotion")
                .doesNotContain("detector", "minifasnet", "texture_cues");
    }

    @Test
    void anUnknownModeIsAUsageError() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(cl.execute("bench", "--mode", "FAST")).isEqualTo(2);
    }

    private static JsonNode bench(String... mode) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = {"bench", "--threads", "1", "--frames", "3", "--warmup", "1", "--json", mode[0], mode[1]};
            assertThat(Main.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }
}
