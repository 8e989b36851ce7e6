package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verilock.engine.document.MrzReader;
import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `verilock document` on a passport page the test draws itself: the ICAO 9303 example zone set in OCR-B (Debian's
 * fonts-ocr-b) on a pale card, slightly rotated; and a photo without a document.
 */
class DocumentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OCR_B = Path.of("/usr/share/fonts/opentype/ocr-b/OCRB.otf");
    static final List<String> ICAO_TD3 = List.of("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

    static BufferedImage passportPage() throws Exception {
        Font ocrb = Font.createFont(Font.TRUETYPE_FONT, OCR_B.toFile()).deriveFont(30f);
        BufferedImage img = new BufferedImage(1250, 880, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(236, 232, 220));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.rotate(Math.toRadians(1.5), 625, 440);
        g.setColor(new Color(30, 30, 40));
        g.setFont(ocrb.deriveFont(40f));
        g.drawString("PASSPORT  UTOPIA", 380, 120);
        g.setFont(ocrb);
        g.drawString(ICAO_TD3.get(0), 60, 720);
        g.drawString(ICAO_TD3.get(1), 60, 770);
        g.dispose();
        return img;
    }

    @Test
    void readsTheZoneOfADrawnPassportAndNothingOnAFaceWithoutADocument(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(MrzReader.findTessdata() != null && Files.isRegularFile(OCR_B),
                "skipped: needs Debian's tesseract-ocr and fonts-ocr-b (installed by .ci/run)");
        File page = dir.resolve("passport.png").toFile();
        ImageIO.write(passportPage(), "png", page);
        Path face = Files.write(dir.resolve("face.png"), Subjects.astronautPng());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new DocumentCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(page.toString(), face.toString(), dir.resolve("missing.jpg").toString(),
                "--date", "2026-12-04", "--json");
        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(status).isEqualTo(1); // the missing file
        assertThat(lines).hasSize(3);
        JsonNode mrz = lines.get(0).get("mrz");
        assertThat(mrz.get("format").asText()).isEqualTo("TD3");
        // line 2 (every check digit's line) exactly; line 1 (names, no check digit) is not yet read exactly by
        // Tesseract's English model: an OCR-B '<<' can come out as 'K<<' (docs/DOCUMENTS.md)
        assertThat(mrz.get("lines").get(1).asText()).isEqualTo(ICAO_TD3.get(1));
        assertThat(mrz.get("lines").get(0).asText()).startsWith("P<UTOERIKSSON").hasSize(44);
        assertThat(mrz.get("fields").get("issuing_country").asText()).isEqualTo("UTO");
        assertThat(mrz.get("fields").get("birth_date").asText()).isEqualTo("1974-08-12");
        assertThat(mrz.get("fields").get("document_number").asText()).isEqualTo("L898902C3");
        assertThat(mrz.get("check_digits").get("composite").asBoolean()).isTrue();
        assertThat(mrz.get("valid").asBoolean()).isTrue();
        assertThat(lines.get(0).get("error").isNull()).isTrue();
        assertThat(lines.get(1).get("mrz").isNull()).isTrue();
        assertThat(lines.get(1).get("portrait").get("box")).hasSize(4);
        assertThat(lines.get(1).get("error").isNull()).isTrue();
        assertThat(lines.get(2).get("error").get("code").asText()).isEqualTo("not_found");
    }
}
