package io.verilock.engine.liveness.study;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.MotionStudyProbe;
import io.verilock.engine.simulate.Attack;
import io.verilock.engine.simulate.Simulator;
import io.verilock.engine.simulate.Subject3d;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The motion-continuity bounds, measured. Genuine: every short run of jumps (MotionTrack: at most 2 transitions at or
 * above the jump bound) in all 12 genuine clips of ../shared/data at ~10 fps, with the motion on each side (flank).
 * Swaps: photo decks of six photographed subjects rendered by the simulator ({@code photo_deck_noisy}: fresh noise on
 * every frame, so the frame-repeat check does not see them) and decks of real frames from the genuine clips (the same
 * person's separate pictures, resent with noise). Prints per clip the slowest flank and the leave-one-clip-out bound,
 * and writes docs/motion-continuity.png (flank histograms, genuine vs swap, with the bound). Run from the repository root:
 * <pre>
 * mvn -q -B -pl engine test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.verilock.engine.liveness.study.MotionStudy
 * </pre>
 * Genuine analyses are cached in /tmp/verilock-motion (CacheClips).
 */
public final class MotionStudy {
    static final String[] SUBJECTS = {"", "author-photos/juan-csv_juan.jpg", "trueface-samples/near_shot_real_person.jpg",
            "facerec-official-portraits/obama.jpg", "facerec-official-portraits/biden.jpg", "silentface-samples/image_T2.jpg"};

    public static void main(String[] args) throws Exception {
        LivenessConfig cfg = LivenessConfig.defaults();
        double minJump = cfg.continuityMinJump();
        int maxRun = cfg.continuityMaxRunSteps();
        long flank = cfg.continuityFlankMillis();
        Path data = GenuineClips.data();
        Map<String, List<Double>> genuine = new LinkedHashMap<>();
        System.out.println("== genuine clips at ~10 fps: short runs of jumps (>= " + minJump + " IOD/100 ms), slowest flank");
        for (GenuineClips c : GenuineClips.ALL) {
            List<FrameAnalysis> all;
            try (FaceAnalyzer none = null) {
                all = AnalysisCache.analyse(none, c.path(), c.frames(data));
            }
            List<FrameAnalysis> frames = new ArrayList<>();
            List<Long> ts = new ArrayList<>();
            for (int i = 0; i < all.size(); i += c.step()) {
                frames.add(all.get(i));
                ts.add(Math.round(i * 1000 / c.fps()));
            }
            List<Double> flanks = new ArrayList<>();
            for (double[] r : MotionStudyProbe.shortRuns(frames, ts, minJump, maxRun, flank)) flanks.add(Math.max(r[2], r[3]));
            double[] rates = MotionStudyProbe.rates(frames, ts);
            java.util.Arrays.sort(rates);
            genuine.put(c.name(), flanks);
            System.out.printf(Locale.ROOT, "%-36s %4d steps, rate median %.4f max %.3f; %3d short runs, slowest flank %s, margin to %.3f: %s%n",
                    c.name(), rates.length, rates[rates.length / 2], rates[rates.length - 1], flanks.size(),
                    flanks.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", min(flanks)), cfg.continuityStillRate(),
                    flanks.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.0f%%", 100 * (min(flanks) / cfg.continuityStillRate() - 1)));
        }
        System.out.println("== leave one clip out: bound = 0.7 x slowest flank of the other clips; the left-out clip's slowest flank");
        for (String left : genuine.keySet()) {
            double others = genuine.entrySet().stream().filter(e -> !e.getKey().equals(left))
                    .flatMap(e -> e.getValue().stream()).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            List<Double> mine = genuine.get(left);
            System.out.printf(Locale.ROOT, "%-36s bound %.4f; own slowest %s -> %s%n", left, 0.7 * others,
                    mine.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", min(mine)),
                    mine.isEmpty() || min(mine) >= 0.7 * others ? "passes" : "FALSE STEP");
        }
        List<Double> swaps = new ArrayList<>();
        System.out.println("== swaps: rendered photo decks (photo_deck_noisy), head_left|blink|smile|head_right at 10 fps");
        try (FaceAnalyzer analyzer = FaceAnalyzers.open(1)) {
            for (String s : SUBJECTS) {
                byte[] photo = s.isEmpty() ? Subjects.astronautPng() : Files.readAllBytes(data.resolve(s));
                List<Double> mine = new ArrayList<>();
                try (Subject3d subject = Subject3d.from(photo, analyzer, 640, 480)) {
                    for (long seed = 1; seed <= 2; seed++) {
                        List<FrameAnalysis> frames = new ArrayList<>();
                        List<Long> ts = new ArrayList<>();
                        FrameAnalysis[] prev = {null};
                        new Simulator(subject).run(List.of(Challenge.HEAD_LEFT, Challenge.BLINK, Challenge.SMILE, Challenge.HEAD_RIGHT),
                                10, Attack.PHOTO_DECK_NOISY, seed, (bgr, truth) -> {
                                    MatOfByte buf = new MatOfByte();
                                    Imgcodecs.imencode(".jpg", bgr, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
                                    prev[0] = analyzer.analyzeStreamed(buf.toArray(), prev[0]);
                                    frames.add(prev[0]);
                                    ts.add(truth.timeMillis());
                                    return true;
                                });
                        for (double[] r : MotionStudyProbe.shortRuns(frames, ts, minJump, maxRun, flank)) mine.add(Math.max(r[2], r[3]));
                    }
                } catch (Exception e) {
                    System.out.println(s + ": " + e.getMessage());
                }
                swaps.addAll(mine);
                System.out.printf(Locale.ROOT, "%-44s %2d swaps, flanks %s%n", s.isEmpty() ? "astronaut (built-in)" : s, mine.size(), fmt(mine));
            }
        }
        long caught = swaps.stream().filter(f -> f < cfg.continuityStillRate()).count();
        System.out.printf(Locale.ROOT, "swaps caught by the still-rate bound %.3f: %d of %d%n", cfg.continuityStillRate(), caught, swaps.size());
        List<Double> allGenuine = genuine.values().stream().flatMap(List::stream).toList();
        Path png = Path.of(System.getProperty("study.png", "docs/motion-continuity.png"));
        plot(allGenuine, swaps, cfg.continuityStillRate(), png);
        System.out.println("wrote " + png);
    }

    static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static String fmt(List<Double> v) {
        return v.stream().sorted().map(d -> String.format(Locale.ROOT, "%.4f", d)).toList().toString();
    }

    /** Two histograms of flank speed on a log axis (0.001-1 IOD/100 ms), genuine above swaps, and the bound. */
    static void plot(List<Double> genuine, List<Double> swaps, double bound, Path png) throws Exception {
        int w = 760, h = 420, m = 60, bins = 40;
        double lo = Math.log10(0.001), hi = Math.log10(1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int plotH = (h - 2 * m) / 2;
        Object[][] rows = {{genuine, new Color(40, 110, 200), "genuine: short jump runs in 12 clips of ../shared/data (" + genuine.size() + ")"},
                {swaps, new Color(200, 60, 40), "swaps: rendered photo decks with noise (" + swaps.size() + ")"}};
        for (int r = 0; r < 2; r++) {
            @SuppressWarnings("unchecked") List<Double> v = (List<Double>) rows[r][0];
            int[] count = new int[bins];
            for (double d : v) {
                int b = (int) Math.floor((Math.log10(Math.max(d, 0.001)) - lo) / (hi - lo) * bins);
                count[Math.max(0, Math.min(bins - 1, b))]++;
            }
            int max = java.util.Arrays.stream(count).max().orElse(1);
            int top = m + r * plotH, base = top + plotH - 20;
            g.setColor((Color) rows[r][1]);
            for (int b = 0; b < bins; b++) {
                int x0 = m + b * (w - 2 * m) / bins, x1 = m + (b + 1) * (w - 2 * m) / bins;
                int bh = max == 0 ? 0 : count[b] * (plotH - 40) / Math.max(1, max);
                g.fillRect(x0, base - bh, x1 - x0 - 1, bh);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawLine(m, base, w - m, base);
            g.drawString((String) rows[r][2], m, top + 12);
        }
        for (double t : new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1}) {
            int x = (int) (m + (Math.log10(t) - lo) / (hi - lo) * (w - 2 * m));
            g.setColor(Color.GRAY);
            g.drawString(String.valueOf(t), x - 10, h - m + 30);
        }
        int bx = (int) (m + (Math.log10(bound) - lo) / (hi - lo) * (w - 2 * m));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
        g.drawLine(bx, m - 10, bx, h - m + 10);
        g.drawString("still bound " + bound, bx + 4, m - 14);
        g.drawString("faster flank of a jump run (inter-ocular distances per 100 ms, log scale); left of the bound = a step", m, h - 12);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }
}
