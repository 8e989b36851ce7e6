package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void analysesGoodInputsAndReportsEachBadOneWithoutStoppingOrAStackTrace(@TempDir Path dir) throws Exception {
        Path good = Files.write(dir.resolve("subject.png"), Subjects.astronautPng());
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        byte[] jpeg = Subjects.astronautFrameJpeg(640, 480);
        Path truncated = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Path missing = dir.resolve("missing.jpg");
        Path annotations = dir.resolve("annotated");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new AnalyzeCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new java.io.PrintWriter(err, true));
        int status = cl.execute("--annotate", annotations.toString(), good.toString(), empty.toString(), text.toString(),
                truncated.toString(), dir.toString(), missing.toString());

        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(this::parse).toList();
        assertThat(status).isEqualTo(1);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0).get("error").isNull()).isTrue();
        assertThat(lines.get(0).get("faces")).hasSize(1);
        assertThat(lines.get(0).get("faces").get(0).get("landmarks")).hasSize(468);
        assertThat(lines.subList(1, 6)).extracting(l -> l.get("error").get("code").asText())
                .containsExactly("empty", "not_an_image", "truncated", "is_directory", "not_found");
        assertThat(out.toString(StandardCharsets.UTF_8) + err).doesNotContain("Exception", "\tat ");
        assertThat(annotations.resolve("subject.annotated.png")).exists();
    }

    @Test
    void unknownOptionIsAUsageErrorWithStatusTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("analyze", "--frobnicate", "x.jpg")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void fullRangeModeIsCaseInsensitiveAndCheckedAsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertThat(cl.execute("analyze", "--full-range", "sometimes", "x.jpg")).isEqualTo(2);
        assertThat(err.toString()).contains("OFF, FALLBACK, ALWAYS");
        CommandLine.ParseResult ok = Main.commandLine().parseArgs("analyze", "--full-range", "always", "x.jpg");
        AnalyzeCommand analyze = (AnalyzeCommand) ok.subcommand().commandSpec().userObject();
        assertThat(analyze.fullRange).isEqualTo(io.verilock.engine.face.AnalyzerSettings.FullRange.ALWAYS);
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
