package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.document.DocumentReader;
import io.verilock.engine.document.DocumentReading;
import io.verilock.engine.document.Mrz;
import io.verilock.engine.document.MrzReader;
import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceEmbedding;
import io.verilock.engine.face.FaceMatch;
import io.verilock.engine.face.FaceMatchSettings;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.ObservationJson;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `verilock document`: the MRZ (every field, every check digit), the portrait and, with {@code --selfie}, the
 * portrait's match to the selfie's largest face; one JSON line per document image.
 */
@Command(name = "document", mixinStandardHelpOptions = true,
        description = "Read identity documents: the machine-readable zone (ICAO 9303 TD1, TD2, TD3, MRV-A, MRV-B) "
                + "with every field and check digit, the portrait, and with --selfie the face match. One JSON object "
                + "per image (JSON Lines). Needs Debian's tesseract-ocr.")
final class DocumentCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Document images (JPEG, PNG, BMP, TIFF, WebP).")
    List<Path> images;

    @Option(names = "--selfie", paramLabel = "SELFIE", description = "A photo of the holder to match the portrait against.")
    Path selfie;

    @Option(names = "--json", description = "Print JSON (the only output format; accepted for symmetry with match).")
    boolean json;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date two-digit years are read against "
            + "(default: today).")
    LocalDate date;

    @Option(names = "--threads", defaultValue = "1", description = "Threads per model (default: ${DEFAULT-VALUE}).")
    int threads;

    private final PrintStream out;

    DocumentCommand() {
        this(System.out);
    }

    DocumentCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Path tessdata = MrzReader.findTessdata();
        if (tessdata == null) {
            System.err.println("verilock document: Tesseract's eng.traineddata was not found (install Debian's "
                    + "tesseract-ocr, or set TESSDATA_PREFIX to the folder holding it)");
            return 2;
        }
        ImageDecoder decoder = new ImageDecoder();
        int failures = 0;
        try (DocumentReader reader = new DocumentReader(tessdata, date != null ? date : LocalDate.now(),
                AnalyzerSettings.defaults().withThreads(threads), FaceMatchSettings.defaults())) {
            FaceEmbedding selfieFace = null;
            JsonNode selfieError = null;
            if (selfie != null) {
                try (DecodedImage img = decoder.read(selfie)) {
                    FaceObservation f = reader.largestFace(img);
                    if (f == null) selfieError = ObservationJson.error("no_face", "no face found in the selfie " + selfie);
                    else selfieFace = reader.embedder().embed(img, f);
                } catch (ImageInputException e) {
                    selfieError = ObservationJson.error(e.code(), "selfie " + selfie + ": " + e.getMessage());
                }
            }
            for (Path image : images) {
                ObjectNode line = JSON.createObjectNode();
                line.put("file", image.toString());
                try (DecodedImage img = decoder.read(image)) {
                    DocumentReading r = reader.read(img);
                    line.set("mrz", r.mrz() == null ? null : mrzJson(r.mrz()));
                    if (r.portrait() == null) {
                        line.putNull("portrait");
                    } else {
                        ObjectNode p = line.putObject("portrait");
                        ArrayNode box = p.putArray("box");
                        box.add(Math.round(r.portrait().x())).add(Math.round(r.portrait().y()))
                                .add(Math.round(r.portrait().width())).add(Math.round(r.portrait().height()));
                    }
                    if (selfie == null) {
                        line.putNull("face_match");
                        line.putNull("error");
                    } else if (selfieError != null) {
                        line.putNull("face_match");
                        line.set("error", selfieError);
                        failures++;
                    } else if (r.embedding() == null) {
                        line.putNull("face_match"); // no portrait to match: said by "portrait": null
                        line.putNull("error");
                    } else {
                        FaceMatch m = FaceMatchSettings.defaults().match(r.embedding(), selfieFace);
                        ObjectNode fm = line.putObject("face_match");
                        fm.put("similarity", Math.round(m.similarity() * 10) / 10.0);
                        fm.put("threshold", m.threshold());
                        fm.put("passed", m.samePerson());
                        line.putNull("error");
                    }
                } catch (ImageInputException e) {
                    failures++;
                    line.putNull("mrz");
                    line.putNull("portrait");
                    line.putNull("face_match");
                    line.set("error", ObservationJson.error(e.code(), e.getMessage()));
                }
                out.println(JSON.writeValueAsString(line));
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** The MRZ block: format, lines, fields, check_digits, valid (and which characters were corrected). */
    static ObjectNode mrzJson(Mrz m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", m.format().name());
        ArrayNode lines = o.putArray("lines");
        m.lines().forEach(lines::add);
        ObjectNode fields = o.putObject("fields");
        for (Map.Entry<String, String> e : m.fields().entrySet()) {
            if (e.getValue() == null) fields.putNull(e.getKey());
            else fields.put(e.getKey(), e.getValue());
        }
        ObjectNode checks = o.putObject("check_digits");
        for (Map.Entry<String, Boolean> e : m.checkDigits().entrySet()) {
            if (e.getValue() == null) checks.putNull(e.getKey());
            else checks.put(e.getKey(), e.getValue());
        }
        o.put("valid", m.valid());
        ArrayNode corrections = o.putArray("corrections");
        m.corrections().forEach(corrections::add);
        return o;
    }
}
