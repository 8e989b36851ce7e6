package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} with the real analyzer on the built-in subject. */
class SimulateCommandTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter(), err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesFramesY4mTruthAndAContactSheetDeterministicallyForASeed() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b"), sheet = dir.resolve("sheet.png");
        assertThat(run("simulate", "--actions", "blink", "--fps", "8", "--size", "320x240", "--seed", "5",
                "--out", a.toString(), "--contact-sheet", sheet.toString())).as(err.toString()).isEqualTo(0);
        assertThat(run("simulate", "--actions", "blink", "--fps", "8", "--size", "320x240", "--seed", "5",
                "--out", b.toString(), "--no-y4m")).isEqualTo(0);
        JsonNode truth = new ObjectMapper().readTree(a.resolve("truth.json").toFile());
        int n = truth.get("frames").size();
        assertThat(n).isGreaterThan(10);
        assertThat(truth.get("events").get(0).get("action").asText()).isEqualTo("blink");
        int peak = truth.get("events").get(0).get("peak").asInt();
        assertThat(truth.get("frames").get(peak).get("eyes").get("left_open").asDouble()).isLessThan(0.1);
        assertThat(a.resolve("frame_00000.jpg")).exists();
        assertThat(Files.readAllBytes(a.resolve(String.format("frame_%05d.jpg", n - 1))))
                .isEqualTo(Files.readAllBytes(b.resolve(String.format("frame_%05d.jpg", n - 1))));
        assertThat(b.resolve("video.y4m")).doesNotExist();
        assertThat(sheet).exists();
        try (InputStream in = Files.newInputStream(a.resolve("video.y4m"))) {
            String header = new String(in.readNBytes(64), StandardCharsets.US_ASCII).split("\n")[0];
            assertThat(header).isEqualTo("YUV4MPEG2 W320 H240 F8000:1000 Ip A1:1 C420jpeg");
        }
        long frameBytes = "FRAME\n".length() + 320L * 240 * 3 / 2;
        long headerBytes = "YUV4MPEG2 W320 H240 F8000:1000 Ip A1:1 C420jpeg\n".length();
        assertThat(Files.size(a.resolve("video.y4m"))).isEqualTo(headerBytes + n * frameBytes);
    }

    @Test
    void rejectsInvalidUsage() {
        assertThat(run("simulate", "--actions", "blink")).isEqualTo(2); // no --out
        assertThat(run("simulate", "--out", dir.toString(), "--actions", "wave")).isEqualTo(2);
        assertThat(run("simulate", "--out", dir.toString(), "--attack", "deepfake")).isEqualTo(2);
        assertThat(run("simulate", "--out", dir.toString(), "--size", "641x480")).isEqualTo(2);
        assertThat(run("simulate", "--out", dir.toString(), "--actions", "blink,blink")).isEqualTo(2);
    }
}
