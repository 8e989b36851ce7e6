package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessCommandsTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter(), err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine(ScriptedAnalyzer::new);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** 10 fps: 1.2 s neutral, a left turn, a smile, then neutral. */
    Path clip(String name, double live) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        int i = 0;
        for (int k = 0; k < 12; k++) ScriptedAnalyzer.write(frame(folder, i++), 0, 1, 0.1, live);
        for (double y : new double[]{-10, -20, -28, -30, -20, -8, 0}) ScriptedAnalyzer.write(frame(folder, i++), y, 1, 0.1, live);
        for (double s : new double[]{0.1, 0.6, 0.8, 0.8, 0.8, 0.7, 0.2}) ScriptedAnalyzer.write(frame(folder, i++), 0, 1, s, live);
        for (int k = 0; k < 5; k++) ScriptedAnalyzer.write(frame(folder, i++), 0, 1, 0.1, live);
        return folder;
    }

    static Path frame(Path folder, int i) {
        return folder.resolve(String.format("frame_%05d.jpg", i));
    }

    @Test
    void activeReplayPrintsTheSelfieJson() throws Exception {
        Path clip = clip("genuine", 0.9);
        int rc = run("liveness", "--mode", "active", "--order", "head_left,smile", "--fps", "10", clip.toString(), "--json");
        assertThat(rc).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("liveness_passed").asBoolean()).isTrue();
        assertThat(json.get("challenges_completed").toString()).isEqualTo("[\"head_left\",\"smile\"]");
        assertThat(json.get("frames_captured").asInt()).isBetween(8, 12);
        assertThat(json.get("analysis").get("geometry").get("flat").asBoolean()).isFalse();
    }

    @Test
    void theWrongPromptedOrderFails() throws Exception {
        Path clip = clip("genuine", 0.9);
        int rc = run("liveness", "--mode", "active", "--order", "smile,head_left", "--fps", "10", clip.toString());
        assertThat(rc).isZero();
        assertThat(out.toString()).contains("NOT PASSED", "challenge_not_completed");
    }

    @Test
    void fromAndToCutTheClip() throws Exception {
        Path clip = clip("genuine", 0.9);
        // frames 0..18 hold only the turn: the smile is never seen
        int rc = run("liveness", "--mode", "active", "--order", "head_left,smile", "--fps", "10", "--from", "0",
                "--to", "18", clip.toString(), "--json");
        assertThat(rc).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("challenges_completed").toString()).isEqualTo("[\"head_left\"]");
        assertThat(json.get("analysis").get("stop_reason").asText()).isEqualTo("abandoned");
    }

    @Test
    void everyNthFrameSimulatesALowerFrameRate() throws Exception {
        Path clip = clip("genuine", 0.9);
        int rc = run("liveness", "--mode", "active", "--order", "head_left,smile", "--fps", "10", "--every", "2",
                clip.toString(), "--json");
        assertThat(rc).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("analysis").get("frames_seen").asInt()).isLessThanOrEqualTo(16); // 31 frames, every 2nd
        assertThat(run("liveness", "--mode", "active", "--every", "0", clip.toString())).isEqualTo(2);
    }

    @Test
    void passiveScoresOnePhoto() throws Exception {
        Path photo = dir.resolve("photo.jpg");
        ScriptedAnalyzer.write(photo, 0, 1, 0.1, 0.88);
        assertThat(run("liveness", "--mode", "passive", photo.toString(), "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        // fused probability 0.88: 75 + 25 * (0.88 - 0.44) / 0.56 (LivenessConfig.passiveLiveAt75)
        assertThat(json.get("liveness_score").asDouble()).isEqualTo(94.6);
        assertThat(json.has("pose_variation_score")).isFalse();
    }

    @Test
    void invalidOptionsExitWith2AndAClearMessage() throws Exception {
        Path clip = clip("genuine", 0.9);
        assertThat(run("liveness", "--mode", "sideways", clip.toString())).isEqualTo(2);
        assertThat(run("liveness", "--mode", "active", "--challenges", "wink", clip.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown challenge 'wink'");
        assertThat(run("liveness", "--mode", "active", "--challenges", "smile,blink", "--order", "smile,head_left",
                clip.toString())).isEqualTo(2);
        assertThat(run("liveness", "--mode", "active", "--threshold", "120", clip.toString())).isEqualTo(2);
        assertThat(run("liveness", "--mode", "active", "--from", "50", "--to", "10", clip.toString())).isEqualTo(2);
        assertThat(run("liveness", "--mode", "passive", clip.toString())).isEqualTo(2);
        assertThat(run("liveness", "--mode", "active", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void evalComputesRatesAndWritesAReport() throws Exception {
        clip("genuine", 0.9);
        clip("printed", 0.05);
        Path photo = dir.resolve("still.jpg");
        ScriptedAnalyzer.write(photo, 0, 1, 0.1, 0.3); // passive: fused 0.3 scores 51 (review), below 75
        Files.writeString(dir.resolve("set.csv"), """
                path,mode,label,challenges,order,fps,from,to
                # a comment
                genuine,active,genuine,head_left|smile,head_left|smile,10,,
                genuine,active,genuine,,smile|head_left,10,,
                printed,active,print,head_left|smile,,10,,
                still.jpg,active,print,smile,smile,10,0,120
                still.jpg,passive,genuine,,,,,
                """);
        Path report = dir.resolve("report");
        int rc = run("eval", dir.resolve("set.csv").toString(), "--report", report.toString(), "--json");
        assertThat(rc).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("threshold").asInt()).isEqualTo(75);
        assertThat(json.get("apcer").get("print").asDouble()).isZero();
        assertThat(json.get("bpcer").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("samples")).hasSize(5);
        assertThat(json.get("samples").get(0).get("passed").asBoolean()).isTrue();
        assertThat(report.resolve("det.png")).exists();
        assertThat(Files.readString(report.resolve("report.md"))).contains("Misclassified samples (2)", "challenge_not_completed");
        assertThat(Files.readString(report.resolve("results.json"))).contains("\"liveness_mode\"");
    }

    @Test
    void evalRejectsABadCsv() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "path,mode,label,challenges,order,fps,from,to\nx,active,genuine,nod,,,,\n");
        assertThat(run("eval", dir.resolve("bad.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.csv:2", "unknown challenge 'nod'");
    }

    @Test
    void theRealAnalyzerIsUsedByDefault() {
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        Path photo = dir.resolve("p.jpg");
        try { Files.writeString(photo, "x"); } catch (IOException e) { throw new RuntimeException(e); }
        int rc = cl.execute("liveness", "--mode", "passive", photo.toString());
        assertThat(rc).isIn(0, 1); // 1 while the ONNX analyzer is not wired
    }
}
