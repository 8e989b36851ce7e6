package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verilock.engine.face.FaceMatchSettings;
import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int status, List<JsonNode> lines, String err) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new MatchCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoPhotosOfOnePersonMatchWithTheEngineThreshold(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("subject.png"), Subjects.astronautPng());
        Path jpeg = Files.write(dir.resolve("frame.jpg"), Subjects.astronautFrameJpeg(640, 480)); // scaled, re-encoded
        Run r = run(png.toString(), jpeg.toString(), "--json");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode m = r.lines().get(0);
        assertThat(m.get("similarity").asDouble()).isBetween(FaceMatchSettings.defaults().threshold(), 100.0);
        assertThat(m.get("same_person").asBoolean()).isTrue();
        assertThat(m.get("threshold").asDouble()).isEqualTo(FaceMatchSettings.defaults().threshold());
    }

    @Test
    void pairsFileGivesOneLinePerPairInOrderWithPathsAsGivenAndErrorsPerPair(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/subject.png"), Subjects.astronautPng());
        Path frame = Files.write(dir.resolve("frame.jpg"), Subjects.astronautFrameJpeg(640, 480));
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("img/black.png").toFile());
        Path csv = Files.writeString(dir.resolve("pairs.csv"), "a,b\n"
                + "img/subject.png," + frame + "\n"
                + "\"img/subject.png\",img/black.png\n"
                + "img/missing.jpg,img/subject.png\n");
        Run r = run("--pairs", csv.toString(), "--json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines()).extracting(l -> l.get("a").asText())
                .containsExactly("img/subject.png", "img/subject.png", "img/missing.jpg");
        assertThat(r.lines().get(0).get("b").asText()).isEqualTo(frame.toString());
        assertThat(r.lines().get(0).get("same_person").asBoolean()).isTrue();
        assertThat(r.lines().get(1).get("error").get("code").asText()).isEqualTo("no_face");
        assertThat(r.lines().get(1).get("similarity").isNull()).isTrue();
        assertThat(r.lines().get(2).get("error").get("code").asText()).isEqualTo("not_found");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void badUsageIsAClearErrorWithStatusTwo(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("pairs.csv"), "left,right\nx.jpg,y.jpg\n");
        Run r = run("--pairs", csv.toString(), "--json");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("header line with columns a and b");
        assertThat(run("only-one.jpg").err()).contains("give two IMAGEs");
        assertThat(run("--pairs", dir.resolve("nope.csv").toString()).err()).contains("no such file");
    }
}
