package io.verilock.engine.simulate;

import io.verilock.engine.liveness.Challenge;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Produces simulated sequences of one subject: the rendered person performing actions, or an attack fixture.
 * Deterministic for a seed. Not thread-safe.
 */
public final class Simulator {
    /** The face a print or cutout fixture shows: frontal, neutral, eyes open. */
    private static final FaceState NEUTRAL_FRONTAL = new FaceState(0, 0, 0, 0, 0, 0, 0, "neutral", "neutral");

    private final Subject3d subject;
    private final MeshRenderer renderer;

    /**
     * Receives each frame (BGR, released by the simulator after the call) with its ground truth; returns false to
     * stop the sequence early (e.g. once a verifier has finished).
     */
    @FunctionalInterface
    public interface FrameSink {
        boolean accept(Mat bgr, FrameTruth truth) throws Exception;
    }

    public Simulator(Subject3d subject) {
        this.subject = subject;
        this.renderer = new MeshRenderer(subject);
    }

    public MeshRenderer renderer() { return renderer; }

    /**
     * Renders the sequence and hands every frame to {@code sink} in order.
     *
     * @return the script that was rendered (per-frame states and where each action is)
     */
    public Timeline.Script run(List<Challenge> actions, double fps, Attack attack, long seed, FrameSink sink) throws Exception {
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive");
        Timeline.Script script = Timeline.perform(actions, fps, seed);
        Random rnd = new Random(seed * 31 + attack.ordinal());
        Noise noise = new Noise(subject.width, subject.height, rnd.nextLong());
        Mat scene = attack == Attack.PRINT || attack == Attack.REPLAY || attack == Attack.CUTOUT ? room(rnd) : null;
        Mat card = null;
        if (attack == Attack.PRINT) {
            Mat portrait = neutralPortrait(0);
            card = paper(portrait, rnd);
            portrait.release();
        }
        Mat still = null;
        java.util.Map<String, Mat> deck = new java.util.HashMap<>();
        double[] shake = new double[6];
        List<FaceState> states = script.frames();
        for (int i = 0; i < states.size(); i++) {
            FaceState st = states.get(i);
            long t = Math.round(i * 1000 / fps);
            Mat frame;
            FrameTruth truth;
            switch (attack) {
                case NONE, MASK -> {
                    FaceState shown = attack == Attack.MASK ? st.withoutExpression() : st;
                    frame = renderer.render(shown).bgr();
                    noise.apply(frame, i);
                    truth = truth(i, t, shown);
                }
                case STILL -> {
                    if (still == null) {
                        still = renderer.render(states.get(0)).bgr();
                        noise.apply(still, 0);
                    }
                    frame = still.clone();
                    truth = truth(i, t, states.get(0));
                }
                case PRINT -> {
                    wander(shake, rnd);
                    // the attacker tilts the card to imitate the turns, less far than a head and with a shaking hand
                    double yaw = 0.55 * st.yaw() + shake[0], pitch = shake[1], roll = shake[2];
                    frame = place(card, scene, yaw, pitch, roll, shake[3], shake[4], 0.95, true);
                    noise.apply(frame, i);
                    truth = new FrameTruth(i, t, yaw, pitch, roll, 1, 1, 0, st.action(), st.phase());
                }
                case REPLAY -> {
                    Mat shown = renderer.render(st).bgr();
                    noise.apply(shown, i);
                    Mat screen = screen(shown);
                    shown.release();
                    wander(shake, rnd);
                    frame = place(screen, scene, 8 + 0.3 * shake[0], 4 + 0.3 * shake[1], 0.3 * shake[2], 0.5 * shake[3], 0.5 * shake[4], 0.82, false);
                    screen.release();
                    noise.apply(frame, i + 7);
                    truth = new FrameTruth(i, t, st.yaw(), st.pitch(), st.roll(), 1 - st.closure(), 1 - st.closure(),
                            st.smile(), st.action(), st.phase());
                }
                case CUTOUT -> {
                    Mat composite = cutout(st.closure());
                    Mat paper = paper(composite, new Random(seed));
                    composite.release();
                    wander(shake, rnd);
                    frame = place(paper, scene, 0.4 * shake[0], 0.4 * shake[1], 0.4 * shake[2], 0.5 * shake[3], 0.5 * shake[4], 0.95, true);
                    paper.release();
                    noise.apply(frame, i);
                    truth = new FrameTruth(i, t, 0.4 * shake[0], 0.4 * shake[1], 0.4 * shake[2], 1 - st.closure(), 1 - st.closure(),
                            0, st.action(), st.phase());
                }
                case PHOTO_DECK, PHOTO_DECK_NOISY -> {
                    FaceState photo = deckPhoto(st, seed);
                    Mat picture = deck.computeIfAbsent(photo.action(), k -> renderer.render(photo).bgr());
                    frame = picture.clone();
                    if (attack == Attack.PHOTO_DECK_NOISY) noise.apply(frame, i);
                    truth = truth(i, t, photo);
                }
                default -> throw new IllegalStateException("unhandled attack " + attack);
            }
            boolean more;
            try {
                more = sink.accept(frame, truth);
            } finally {
                frame.release();
            }
            if (!more) break;
        }
        for (Mat m : new Mat[] {scene, card, still}) if (m != null) m.release();
        deck.values().forEach(Mat::release);
        return script;
    }

    /**
     * The deck photo an attacker holds up for this moment of the performance: the action's photo while the person
     * would be past half-way into it (turned past 15 degrees, eyes more than half shut, smiling more than half),
     * otherwise the neutral one. Each photo was taken on its own, so it differs from the others by a few degrees of
     * pose and a few pixels of position (fixed per photo and seed); its {@code action} field names the photo.
     */
    private static FaceState deckPhoto(FaceState st, long seed) {
        String which;
        if (st.yaw() <= -15) which = "turned_left";
        else if (st.yaw() >= 15) which = "turned_right";
        else if (st.closure() > 0.5) which = "eyes_shut";
        else if (st.smile() > 0.5) which = "smiling";
        else which = "neutral";
        Random r = new Random(seed * 131 + which.hashCode());
        double yaw = switch (which) {
            case "turned_left" -> -32;
            case "turned_right" -> 32;
            default -> 0;
        };
        return new FaceState(yaw + 4 * (r.nextDouble() - 0.5), 4 * (r.nextDouble() - 0.5), 3 * (r.nextDouble() - 0.5),
                which.equals("eyes_shut") ? 1 : 0, which.equals("smiling") ? 0.95 : 0,
                12 * (r.nextDouble() - 0.5), 10 * (r.nextDouble() - 0.5), which, "photo");
    }

    private static FrameTruth truth(int i, long t, FaceState s) {
        return new FrameTruth(i, t, s.yaw(), s.pitch(), s.roll(), 1 - s.closure(), 1 - s.closure(), s.smile(), s.action(), s.phase());
    }

    /** A hand's tremor: a damped random walk in yaw, pitch, roll (degrees) and x, y (pixels). */
    private static void wander(double[] s, Random rnd) {
        double[] scale = {1.2, 1.2, 0.8, 3, 3};
        double[] limit = {5, 5, 4, 12, 10};
        for (int k = 0; k < 5; k++) {
            s[k] = 0.85 * s[k] + scale[k] * rnd.nextGaussian();
            s[k] = Math.max(-limit[k], Math.min(limit[k], s[k]));
        }
    }

    /** The photo as printed: a white margin, duller colours, lifted blacks, paper grain. */
    private Mat paper(Mat photo, Random rnd) {
        int w = photo.cols(), h = photo.rows(), m = Math.round(0.04f * w);
        Mat card = new Mat(h + 2 * m, w + 2 * m, CvType.CV_8UC3, new Scalar(236, 240, 242));
        Mat dull = new Mat();
        photo.convertTo(dull, -1, 0.82, 26);
        Mat grey = new Mat(), grey3 = new Mat();
        Imgproc.cvtColor(dull, grey, Imgproc.COLOR_BGR2GRAY);
        Imgproc.cvtColor(grey, grey3, Imgproc.COLOR_GRAY2BGR);
        Core.addWeighted(dull, 0.8, grey3, 0.2, 0, dull);
        dull.copyTo(card.submat(m, m + h, m, m + w));
        Mat grain = new Mat(card.size(), CvType.CV_16SC3);
        Core.setRNGSeed(rnd.nextInt());
        Core.randn(grain, 0, 7);
        Imgproc.GaussianBlur(grain, grain, new Size(3, 3), 0);
        Mat c16 = new Mat();
        card.convertTo(c16, CvType.CV_16SC3);
        Core.add(c16, grain, c16);
        c16.convertTo(card, CvType.CV_8UC3);
        for (Mat t : new Mat[] {dull, grey, grey3, grain, c16}) t.release();
        return card;
    }

    /** A plain room behind the attack: a wall with a soft light gradient, a door frame and a shelf. */
    private Mat room(Random rnd) {
        int w = subject.width, h = subject.height;
        Mat scene = new Mat(h, w, CvType.CV_8UC3);
        double tint = rnd.nextDouble() * 20;
        for (int y = 0; y < h; y++) {
            double v = 175 - 50.0 * y / h;
            Mat row = scene.row(y);
            row.setTo(new Scalar(v - 10 + tint, v, v + 8));
        }
        Imgproc.rectangle(scene, new Point(w * 0.78, h * 0.05), new Point(w * 0.98, h), new Scalar(95, 110, 125), -1);
        Imgproc.rectangle(scene, new Point(w * 0.80, h * 0.09), new Point(w * 0.96, h), new Scalar(130, 145, 160), -1);
        Imgproc.rectangle(scene, new Point(0, h * 0.62), new Point(w * 0.3, h * 0.66), new Scalar(60, 80, 100), -1);
        Imgproc.GaussianBlur(scene, scene, new Size(0, 0), 3);
        return scene;
    }

    /**
     * A rendered frame as a screen shows it to a camera: gamma and colour shift, the pixel grid's moiré, a glare
     * spot, and a dark bezel around it.
     */
    private Mat screen(Mat frame) {
        int w = frame.cols(), h = frame.rows();
        Mat f = new Mat();
        frame.convertTo(f, CvType.CV_32FC3, 1 / 255.0);
        Core.pow(f, 0.8, f); // brighter mid-tones, washed out
        Core.multiply(f, new Scalar(1.08, 1.0, 0.92), f); // cooler white point
        float[] px = new float[w * h * 3];
        f.get(0, 0, px);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double moire = 1 + 0.07 * Math.cos(2 * Math.PI * (0.097 * x + 0.031 * y)) * Math.cos(2 * Math.PI * (0.013 * x - 0.089 * y));
                double gx = (x - 0.7 * w) / (0.22 * w), gy = (y - 0.25 * h) / (0.18 * h);
                double glare = 0.35 * Math.exp(-(gx * gx + gy * gy));
                for (int c = 0; c < 3; c++) {
                    int i = 3 * (y * w + x);
                    px[i + c] = (float) Math.min(1, px[i + c] * moire + glare);
                }
            }
        }
        f.put(0, 0, px);
        Mat shown = new Mat();
        f.convertTo(shown, CvType.CV_8UC3, 255);
        int b = Math.round(0.05f * w);
        Mat bezel = new Mat(h + 2 * b, w + 2 * b, CvType.CV_8UC3, new Scalar(24, 24, 26));
        Imgproc.rectangle(bezel, new Point(2, 2), new Point(w + 2 * b - 3, h + 2 * b - 3), new Scalar(60, 60, 64), 2);
        shown.copyTo(bezel.submat(b, b + h, b, b + w));
        f.release();
        shown.release();
        return bezel;
    }

    /**
     * Projects a flat picture (card or screen) turned by yaw/pitch/roll and shifted by dx/dy into the scene, filling
     * {@code fill} of the frame's height; a card casts a soft shadow and is shaded by its tilt.
     */
    private Mat place(Mat picture, Mat scene, double yaw, double pitch, double roll, double dx, double dy, double fill, boolean shadow) {
        int w = subject.width, h = subject.height;
        double scale = fill * h / picture.rows();
        double hw = picture.cols() * scale / 2, hh = picture.rows() * scale / 2, f = 3.0 * Math.max(w, h);
        double[][] r = MeshRenderer.rotation(yaw, pitch, roll);
        Point[] dst = new Point[4];
        double[][] corners = {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
        for (int k = 0; k < 4; k++) {
            double x = corners[k][0], y = corners[k][1];
            double qx = r[0][0] * x + r[0][1] * y, qy = r[1][0] * x + r[1][1] * y, qz = r[2][0] * x + r[2][1] * y;
            double s = f / (f + qz);
            dst[k] = new Point(w / 2.0 + dx + qx * s, h / 2.0 + dy + qy * s);
        }
        int pw = picture.cols(), ph = picture.rows();
        Mat hm = Imgproc.getPerspectiveTransform(new MatOfPoint2f(new Point(0, 0), new Point(pw, 0), new Point(pw, ph), new Point(0, ph)),
                new MatOfPoint2f(dst));
        Mat out = scene.clone();
        if (shadow) {
            Mat sh = Mat.zeros(h, w, CvType.CV_8UC1);
            Point[] off = new Point[4];
            for (int k = 0; k < 4; k++) off[k] = new Point(dst[k].x + 6, dst[k].y + 8);
            Imgproc.fillConvexPoly(sh, new MatOfPoint(off), new Scalar(110));
            Imgproc.GaussianBlur(sh, sh, new Size(0, 0), 6);
            Mat dark = Mat.zeros(out.size(), out.type());
            Mat blended = Subject3d.blend(out, dark, sh);
            out.release();
            out = blended;
            sh.release();
            dark.release();
        }
        Mat shade = new Mat();
        picture.convertTo(shade, -1, 1 - 0.006 * yaw, 0); // a tilted card catches the light differently
        Imgproc.warpPerspective(shade, out, hm, out.size(), Imgproc.INTER_LINEAR, Core.BORDER_TRANSPARENT);
        shade.release();
        hm.release();
        return out;
    }

    /**
     * The subject as an attacker would print them: a frontal, neutral rendered frame (what the genuine sequence shows
     * during its lead-in), eyes closed by {@code closure}. A smiling portrait would never form a neutral baseline,
     * which would decline the fixture before the checks it is meant to exercise (planarity, the turns, the blink).
     */
    private Mat neutralPortrait(double closure) {
        return renderer.render(new FaceState(0, 0, 0, closure, 0, 0, 0, "neutral", "neutral")).bgr();
    }

    /** The neutral portrait with its eye regions replaced by rendered eyes (blinking by {@code closure}), holes outlined. */
    private Mat cutout(double closure) {
        Mat eyes = neutralPortrait(closure);
        Mat mask = Mat.zeros(subject.height, subject.width, CvType.CV_8UC1);
        List<MatOfPoint> holes = new ArrayList<>();
        float[] at = renderer.project(NEUTRAL_FRONTAL); // the printed face's own landmarks
        for (int[] area : new int[][] {FaceMeshTopology.RIGHT_EYE_AREA, FaceMeshTopology.LEFT_EYE_AREA}) {
            Point[] pts = new Point[area.length];
            for (int k = 0; k < area.length; k++) pts[k] = new Point(at[3 * area[k]], at[3 * area[k] + 1]);
            MatOfPoint hull = new MatOfPoint();
            org.opencv.core.MatOfInt idx = new org.opencv.core.MatOfInt();
            Imgproc.convexHull(new MatOfPoint(pts), idx);
            int[] ii = idx.toArray();
            Point[] hp = new Point[ii.length];
            for (int k = 0; k < ii.length; k++) hp[k] = pts[ii[k]];
            hull.fromArray(hp);
            holes.add(hull);
        }
        Imgproc.fillPoly(mask, holes, new Scalar(255));
        eyes.convertTo(eyes, -1, 0.85, 0); // behind the card: in its shadow
        Mat out = neutralPortrait(0);
        eyes.copyTo(out, mask);
        Imgproc.polylines(out, holes, true, new Scalar(40, 40, 40), 2, Imgproc.LINE_AA);
        eyes.release();
        mask.release();
        return out;
    }

    /** Sensor noise: a per-seed field of Gaussian noise (sigma ~2.5), sampled at a per-frame offset, and a slight exposure flicker. */
    static final class Noise {
        private final short[] field;
        private final long seed;
        private final int width, height;

        Noise(int width, int height, long seed) {
            this.width = width;
            this.height = height;
            this.seed = seed;
            Random r = new Random(seed);
            field = new short[width * height * 3 + 4096 * 3];
            for (int i = 0; i < field.length; i++) field[i] = (short) Math.round(r.nextGaussian() * 2.5);
        }

        void apply(Mat bgr, int frame) {
            if (bgr.cols() != width || bgr.rows() != height) return;
            Random r = new Random(seed ^ (frame * 0x9E3779B97F4A7C15L));
            int offset = 3 * r.nextInt(4096);
            double gain = 1 + 0.012 * r.nextGaussian();
            byte[] px = new byte[width * height * 3];
            bgr.get(0, 0, px);
            for (int i = 0; i < px.length; i++) {
                int v = (int) Math.round((px[i] & 0xff) * gain) + field[offset + i];
                px[i] = (byte) Math.max(0, Math.min(255, v));
            }
            bgr.put(0, 0, px);
        }
    }
}
