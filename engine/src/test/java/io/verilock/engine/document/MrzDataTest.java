package io.verilock.engine.document;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.testdata.DocsData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MRZ reading on the 31 documents of {@code ../shared/data-docs/mrz_ground_truth.tsv}: every line exactly right
 * (line 1 compared without its trailing fillers, as the MANIFEST says), per source and per format, every miss
 * printed; and no document with a wrong line reported valid.
 */
class MrzDataTest {

    @Test
    void readsTheGroundTruthDocuments() throws Exception {
        Path docs = DocsData.require();
        Path tessdata = MrzReader.findTessdata();
        Assumptions.assumeTrue(tessdata != null, "skipped: no tesseract eng.traineddata (apt-get install tesseract-ocr)");
        MrzReader reader = new MrzReader(tessdata, new MrzParser(LocalDate.of(2026, 1, 1)));
        try (reader) {
        ImageDecoder decoder = new ImageDecoder();
        List<String> rows = Files.readAllLines(docs.resolve("mrz_ground_truth.tsv"));
        Map<String, int[]> perSource = new TreeMap<>(), perFormat = new TreeMap<>();
        int right = 0, total = 0, wrongButValid = 0, wrongCoveredButValid = 0;
        List<Long> millis = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split("\t", -1);
            List<String> truth = new ArrayList<>(List.of(c[2], c[3]));
            if (!c[4].isEmpty()) truth.add(c[4]);
            long t0 = System.nanoTime();
            Mrz mrz;
            try (DecodedImage img = decoder.read(docs.resolve(c[0]))) {
                mrz = reader.read(img.bgr());
            }
            millis.add((System.nanoTime() - t0) / 1_000_000);
            boolean ok = mrz != null && mrz.lines().size() == truth.size();
            for (int i = 0; ok && i < truth.size(); i++) {
                String a = mrz.lines().get(i), b = truth.get(i);
                ok = i == 0 ? strip(a).equals(strip(b)) : a.equals(b);
            }
            total++;
            if (ok) right++;
            if (!ok && mrz != null && mrz.valid()) {
                wrongButValid++;
                if (!coveredRight(mrz, truth)) wrongCoveredButValid++;
            }
            String source = c[0].substring(0, c[0].indexOf('/'));
            perSource.computeIfAbsent(source, k -> new int[2])[ok ? 0 : 1]++;
            perFormat.computeIfAbsent(c[1], k -> new int[2])[ok ? 0 : 1]++;
            if (!ok) {
                System.out.printf("mrz miss %s (%s)%n  truth %s%n  read  %s%s%n", c[0], c[1], String.join(" | ", truth),
                        mrz == null ? "nothing" : String.join(" | ", mrz.lines()), mrz != null && mrz.valid() ? "  (reported VALID)" : "");
            }
            if (mrz != null && !mrz.corrections().isEmpty()) System.out.println("mrz " + c[0] + " corrections " + mrz.corrections());
        }
        System.out.printf(Locale.ROOT, "mrz: %d of %d documents with every line right (%.0f%%); %d with a wrong line "
                        + "reported valid (%d of them wrong where a check digit looks)%n",
                right, total, 100.0 * right / total, wrongButValid, wrongCoveredButValid);
        perSource.forEach((k, v) -> System.out.printf("mrz: source %-24s %d right, %d missed%n", k, v[0], v[1]));
        perFormat.forEach((k, v) -> System.out.printf("mrz: format %-5s %d right, %d missed%n", k, v[0], v[1]));
        System.out.println("mrz: ms per document " + millis.stream().sorted().toList());
        // What check digits can promise: no document reported valid with a wrong character under a check digit.
        // (Names and a visa's optional data have none: a wrong name with every digit right is reported valid, counted
        // above; the target of none such is not met yet, docs/DOCUMENTS.md.)
        assertThat(wrongCoveredButValid).as("documents reported valid with a wrong check-digit-covered character").isZero();
        }
    }

    /** Whether every character under a check digit (and the digits themselves) matches the truth. */
    private static boolean coveredRight(Mrz mrz, List<String> truth) {
        for (MrzParser.Check k : MrzParser.layout(mrz.format()).checks()) {
            if (mrz.lines().get(k.line()).charAt(k.pos()) != truth.get(k.line()).charAt(k.pos())) return false;
            for (MrzParser.Span s : k.over()) {
                if (!mrz.lines().get(s.line()).substring(s.start(), s.end()).equals(truth.get(s.line()).substring(s.start(), s.end()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String strip(String line1) {
        return line1.replaceAll("<+$", "");
    }
}
