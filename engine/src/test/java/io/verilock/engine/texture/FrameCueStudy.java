package io.verilock.engine.texture;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures {@link FrameCue} and the resulting {@code spoof_confident} veto on {@code ../shared/data}: the texture
 * study's faces ({@link TextureTraining#samples}) plus every frame of the genuine ranges of the active cases
 * ({@code engine/src/test/resources/cases/active.csv}), per group, per frame and per capture (about ten consecutive
 * frames; the scorer vetoes a capture when {@code spoof_confident} is on at least half its kept frames). Run from the
 * repository root:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.texture.FrameCueStudy [-Dstudy.extra=LABEL=DIR,LABEL=DIR...]
 * </pre>
 * ({@code -Dexec.args} would also reach the build's model-conversion step, hence a property.)
 * Extra folders of frames (e.g. simulator fixtures) are measured as their own group. Face geometry is cached in
 * {@code /tmp/verilock-texture/geometry.tsv} like {@link TextureTraining} (another file with {@code -Dverilock.geometry=FILE}).
 */
public final class FrameCueStudy {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        String extra = System.getProperty("study.extra", "");
        List<TextureTraining.Sample> samples = new ArrayList<>(TextureTraining.samples(data));
        // the genuine ranges of the active cases, every frame
        clip(samples, data, "replay-pair-zubair/real_frames", "active-zubair", 0, 198);
        clip(samples, data, "liveportrait-driving/d9_frames", "active-d9", 248, 470);
        clip(samples, data, "liveportrait-driving/d13_frames", "active-d13", 106, 340);
        clip(samples, data, "fgnet-talking-face/franck_t140-170_frames", "active-franck", 16, 400);
        for (String e : extra.isBlank() ? new String[0] : extra.split(",")) {
            String[] kv = e.split("=", 2);
            try (Stream<Path> s = Files.list(Path.of(kv[1]))) {
                int n = 0;
                for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    samples.add(new TextureTraining.Sample(p.toAbsolutePath().toString(), kv[0], "extra-" + kv[0], kv[1] + "#" + n++ / 10, true, 0));
                }
            }
        }
        Map<String, List<double[]>> geometry = TextureTraining.geometry(data, samples,
                Path.of(System.getProperty("verilock.geometry", "/tmp/verilock-texture/geometry.tsv")));
        TextureCues cues = new TextureCues();
        ImageDecoder decoder = new ImageDecoder();
        // per label/group: faces, frame flagged, spoof_confident before (bezel + LBP only), after; sides histogram
        Map<String, int[]> perGroup = new TreeMap<>();
        Map<String, int[]> perCapture = new TreeMap<>(); // capture -> {frames, confident}
        Map<String, String> captureGroup = new TreeMap<>();
        Map<String, Map<String, Integer>> masks = new TreeMap<>();
        for (TextureTraining.Sample s : samples) {
            List<double[]> faces = geometry.get(s.path());
            if (faces == null) continue;
            List<double[]> rows = new ArrayList<>();
            for (double[] f : faces) for (int i = 0; i + 11 <= f.length; i += 11) rows.add(Arrays.copyOfRange(f, i, i + 11));
            try (DecodedImage image = TextureTraining.load(decoder, data.resolve(s.path()))) {
                for (int i = 0; i < rows.size(); i++) {
                    if (s.face() >= 0 && i != s.face()) continue;
                    double[] g = rows.get(i);
                    if (g[2] < 40) continue;
                    FaceRegion r = FaceRegion.fromMesh(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
                    TextureCues.Result t = cues.measure(image.bgr(), r);
                    boolean before = t.bezel().opposite() && t.lbpSpoof() >= TextureCues.CONFIDENT_LBP;
                    String key = s.label() + " " + s.group();
                    int[] c = perGroup.computeIfAbsent(key, k -> new int[9]);
                    c[0]++;
                    if (t.frame().framed()) c[1]++;
                    if (before) c[2]++;
                    if (t.spoofConfident()) c[3]++;
                    c[4 + t.frame().sides()]++;
                    if (t.frame().framed()) masks.computeIfAbsent(key, k -> new TreeMap<>()).merge(sideNames(t.frame().mask()), 1, Integer::sum);
                    String cap = key + "|" + s.capture() + "|" + i;
                    int[] cc = perCapture.computeIfAbsent(cap, k -> new int[3]);
                    cc[0]++;
                    if (t.spoofConfident()) cc[1]++;
                    if (before) cc[2]++;
                    captureGroup.put(cap, key);
                    if (t.frame().framed() && s.label().equals("genuine")) {
                        System.out.printf(Locale.ROOT, "GENUINE FRAMED: %s face %d sides mask %d%n", s.path(), i, t.frame().mask());
                    }
                }
            }
        }
        System.out.println("label group: faces | frame (>= 3 sides) | spoof_confident before | after | frame_sides 0/1/2/3/4 | captures vetoed before / after");
        Map<String, int[]> capturesByGroup = new TreeMap<>();
        perCapture.forEach((cap, cc) -> {
            int[] v = capturesByGroup.computeIfAbsent(captureGroup.get(cap), k -> new int[3]);
            v[0]++;
            if (2 * cc[2] >= cc[0]) v[1]++;
            if (2 * cc[1] >= cc[0]) v[2]++;
        });
        Map<String, int[]> totals = new TreeMap<>();
        perGroup.forEach((key, c) -> {
            int[] v = capturesByGroup.get(key);
            System.out.printf(Locale.ROOT, "  %-52s %5d | %4d | %4d | %4d | %d/%d/%d/%d/%d | %d/%d of %d%n", key, c[0], c[1], c[2], c[3],
                    c[4], c[5], c[6], c[7], c[8], v[1], v[2], v[0]);
            String label = key.split(" ")[0];
            int[] tt = totals.computeIfAbsent(label, k -> new int[7]);
            for (int j = 0; j < 4; j++) tt[j] += c[j];
            for (int j = 0; j < 3; j++) tt[4 + j] += v[j];
        });
        masks.forEach((key, m) -> System.out.println("  framed sides, " + key + ": " + m));
        totals.forEach((label, t) -> System.out.printf(Locale.ROOT,
                "TOTAL %-10s faces %d, frame %d, spoof_confident before %d after %d; captures %d, vetoed before %d after %d%n",
                label, t[0], t[1], t[2], t[3], t[4], t[5], t[6]));
    }

    static String sideNames(int mask) {
        StringBuilder b = new StringBuilder();
        for (BezelCue.Side side : BezelCue.Side.values()) if ((mask & 1 << side.ordinal()) != 0) b.append(side.name().charAt(0));
        return b.toString();
    }

    private static void clip(List<TextureTraining.Sample> out, Path data, String dir, String group, int from, int to) throws Exception {
        List<Path> frames;
        try (Stream<Path> s = Files.list(data.resolve(dir))) {
            frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int i = from; i <= Math.min(to, frames.size() - 1); i++) {
            out.add(new TextureTraining.Sample(dir + "/" + frames.get(i).getFileName(), "genuine", group, dir + "#" + (i - from) / 10, true, 0));
        }
    }
}
