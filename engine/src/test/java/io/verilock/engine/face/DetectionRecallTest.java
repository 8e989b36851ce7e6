package io.verilock.engine.face;

import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #2's detection target over all of {@code ../shared/data}: a face is found on at least 99% of the images that
 * show a face, each analysed on its own (no tracking). Every fourth frame of each clip and every photo; left out,
 * with the reason, only what does not show one face: the multi-face photos (dlib-voc-faces, two_people.jpg, tested
 * in FaceDataTest), zubair replay frames 0-20 (the live man and the phone together: MANIFEST) and 140-156 (dark
 * screen, no face: FaceDataTest asserts none is reported). Near-profile turns, hands over the face and the phone
 * tilted sideways stay in, though several are hardly "clearly visible".
 */
class DetectionRecallTest {
    private static final Pattern FRAME = Pattern.compile("frame_(\\d+)\\.jpg$");

    @Test
    void aFaceIsFoundOnAtLeast99PercentOfTheImagesShowingOne() throws IOException, ImageInputException {
        Path root = SharedData.require();
        List<Path> images = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().forEach(images::add);
        }
        List<String> missed = new ArrayList<>();
        int counted = 0, clipIndex = 0;
        Path clip = null;
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults())) {
            for (Path p : images) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (p.getParent().getFileName().toString().endsWith("_frames")) {
                    if (!p.getParent().equals(clip)) {
                        clip = p.getParent();
                        clipIndex = 0;
                    }
                    if (clipIndex++ % 4 != 0) continue;
                }
                if (leftOut(rel)) continue;
                counted++;
                if (pipeline.analyzeFile(p).faces().isEmpty()) missed.add(rel);
            }
        }
        double recall = 1 - missed.size() / (double) counted;
        System.out.printf(Locale.ROOT, "detection recall over ../shared/data: %d of %d images (%.2f%%); missed %s%n",
                counted - missed.size(), counted, 100 * recall, missed);
        assertThat(counted).as("images counted").isGreaterThan(1500);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    private static boolean leftOut(String rel) {
        if (rel.startsWith("dlib-voc-faces/") || rel.endsWith("two_people.jpg")) return true;
        Matcher m = FRAME.matcher(rel);
        if (rel.startsWith("replay-pair-zubair/fake_frames/") && m.find()) {
            int n = Integer.parseInt(m.group(1));
            return n <= 20 || n >= 140;
        }
        return false;
    }
}
