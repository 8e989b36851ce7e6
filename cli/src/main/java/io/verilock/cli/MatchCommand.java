package io.verilock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceEmbedding;
import io.verilock.engine.face.FaceMatch;
import io.verilock.engine.face.FaceMatchSettings;
import io.verilock.engine.face.FaceMatcher;
import io.verilock.engine.face.ObservationJson;
import io.verilock.engine.image.ImageInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * `verilock match`: whether two face photos show the same person, with the engine's one threshold
 * ({@link FaceMatchSettings#defaults()}). With {@code --pairs} every row of a CSV in one process, each image embedded
 * once however many pairs it is in.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Compare the largest face of two images: similarity 0-100, same person or not at the engine's "
                + "threshold. With --pairs, every pair of a CSV (header a,b; paths relative to the CSV's folder or "
                + "absolute), one JSON line per pair.")
final class MatchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pairs files are read whole; bound what one can cost. */
    static final long MAX_PAIRS_BYTES = 64L * 1024 * 1024;

    @Parameters(arity = "0..2", paramLabel = "IMAGE", description = "The two images (JPEG, PNG, BMP, TIFF, WebP).")
    List<Path> images = List.of();

    @Option(names = "--pairs", paramLabel = "PAIRS.csv", description = "CSV of image pairs, header a,b.")
    Path pairs;

    @Option(names = "--json", description = "Print JSON (one object per line); otherwise a readable line per pair.")
    boolean json;

    @Option(names = "--threads", defaultValue = "1", description = "Threads per model (default: ${DEFAULT-VALUE}).")
    int threads;

    @Spec CommandSpec spec;

    private final PrintStream out;
    private final Map<Path, Object> cache = new HashMap<>(); // path -> FaceEmbedding, or the ImageInputException

    MatchCommand() {
        this(System.out);
    }

    MatchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        List<String[]> rows = new ArrayList<>();
        Path base = null;
        if (pairs != null) {
            if (!images.isEmpty()) throw new ParameterException(spec.commandLine(), "give either two IMAGEs or --pairs, not both");
            rows = readPairs(pairs);
            base = pairs.toAbsolutePath().getParent();
        } else if (images.size() == 2) {
            rows.add(new String[] {images.get(0).toString(), images.get(1).toString()});
        } else {
            throw new ParameterException(spec.commandLine(), "give two IMAGEs, or --pairs PAIRS.csv");
        }
        int failures = 0;
        try (FaceMatcher matcher = new FaceMatcher(AnalyzerSettings.defaults().withThreads(threads), FaceMatchSettings.defaults())) {
            for (String[] row : rows) {
                Path a = resolve(base, row[0]), b = resolve(base, row[1]);
                ObjectNode line = JSON.createObjectNode();
                if (pairs != null) {
                    line.put("a", row[0]);
                    line.put("b", row[1]);
                }
                Object ea = embed(matcher, a), eb = embed(matcher, b);
                Object bad = ea instanceof FaceEmbedding ? eb : ea;
                if (ea instanceof FaceEmbedding fa && eb instanceof FaceEmbedding fb) {
                    FaceMatch m = matcher.match(fa, fb);
                    line.put("similarity", Math.round(m.similarity() * 10) / 10.0);
                    line.put("same_person", m.samePerson());
                    line.put("threshold", m.threshold());
                    line.putNull("error");
                } else {
                    failures++;
                    ImageInputException e = (ImageInputException) bad;
                    line.putNull("similarity");
                    line.putNull("same_person");
                    line.put("threshold", matcher.settings().threshold());
                    line.set("error", ObservationJson.error(e.code(), (bad == ea ? row[0] : row[1]) + ": " + e.getMessage()));
                }
                if (json) {
                    out.println(JSON.writeValueAsString(line));
                } else if (line.get("error").isNull()) {
                    out.printf(Locale.ROOT, "%s%s: similarity %.1f, %s (threshold %.0f)%n",
                            pairs != null ? row[0] + " vs " + row[1] : "", pairs != null ? "" : "match",
                            line.get("similarity").asDouble(), line.get("same_person").asBoolean() ? "same person" : "different people",
                            line.get("threshold").asDouble());
                } else {
                    out.println((pairs != null ? row[0] + " vs " + row[1] + ": " : "") + "error: "
                            + line.get("error").get("message").asText());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static Path resolve(Path base, String p) {
        Path path = Path.of(p);
        return base == null || path.isAbsolute() ? path : base.resolve(path);
    }

    /** The embedding of the image's largest face, or the exception saying why there is none; each image once. */
    private Object embed(FaceMatcher matcher, Path file) {
        return cache.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                Optional<FaceEmbedding> e = matcher.embedFile(f);
                return e.isPresent() ? e.get() : new ImageInputException("no_face", "no face found in the image");
            } catch (ImageInputException ex) {
                return ex;
            }
        });
    }

    /** Rows of a CSV with the header {@code a,b} (in either order, further columns ignored); fields may be quoted. */
    List<String[]> readPairs(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) throw new ParameterException(spec.commandLine(), "--pairs: no such file: " + csv);
        if (Files.size(csv) > MAX_PAIRS_BYTES) {
            throw new ParameterException(spec.commandLine(), "--pairs: " + csv + " is larger than " + (MAX_PAIRS_BYTES >> 20) + " MiB");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new ParameterException(spec.commandLine(), "--pairs: " + csv + " is empty");
            List<String> h = fields(header.replace("\uFEFF", ""));
            int ia = h.indexOf("a"), ib = h.indexOf("b");
            if (ia < 0 || ib < 0) {
                throw new ParameterException(spec.commandLine(), "--pairs: " + csv + " needs a header line with columns a and b, got: " + header);
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                List<String> f = fields(line);
                if (f.size() <= Math.max(ia, ib) || f.get(ia).isEmpty() || f.get(ib).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--pairs: " + csv + " line " + n + ": needs both a and b");
                }
                rows.add(new String[] {f.get(ia), f.get(ib)});
            }
        }
        return rows;
    }

    /** RFC 4180 fields of one line (quotes around a field, "" inside them for a quote). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
