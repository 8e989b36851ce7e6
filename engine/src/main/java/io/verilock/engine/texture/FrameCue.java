package io.verilock.engine.texture;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A picture frame around the face: the edges of a screen, tablet or printed card that hold the face, found farther
 * out than {@link BezelCue} looks. A face shown on a device or a card held at arm's length sits inside a rectangle
 * whose sides run past the face at up to a few face widths; a live person's face has no such frame: whatever is
 * behind the head is cut by the head and body, and a door or window frame gives at most the sides and the top.
 *
 * <p>Looks in a window of ±{@link #REACH_X} face sides across and ±{@link #REACH_Y} down and up, scaled so the face
 * is {@link #FACE_PIXELS} px (never enlarged): Canny, probabilistic Hough (segments of at least half a face
 * side), then collinear segments (within {@link #MERGE_OFFSET} of a side of each other, gaps up to
 * {@link #MERGE_GAP}) are joined, because a screen edge is broken wherever the picture's own content meets it. A side
 * counts when a joined, nearly axis-parallel line lies wholly outside the face box and spans the face: a vertical line
 * left or right of the face covering at least half of its height, within {@link #SIDE_REACH} face sides of it; a
 * horizontal line above or below reaching past both sides of the face and covering at least {@link #SPAN_COVER} of
 * its width, within {@link #TOP_BOTTOM_REACH}. The flag is a line on {@link #FLAG_SIDES} or more sides, one of them
 * below the face (see {@link Result#framed()}). Measured on {@code ../shared/data} ({@code FrameCueStudy}):
 * docs/TEXTURE.md.
 */
public final class FrameCue {
    public static final double REACH_X = 2.6, REACH_Y = 3.6;
    /** Face side the search window is scaled to (never enlarged): a frame edge is long and straight at any scale. */
    public static final double FACE_PIXELS = 56;
    public static final double MIN_SEGMENT = 0.5;
    public static final double MERGE_OFFSET = 0.05, MERGE_GAP = 0.25;
    public static final double SIDE_REACH = 2.0, TOP_BOTTOM_REACH = 3.0;
    public static final double SIDE_COVER = 0.5, SPAN_COVER = 0.6;
    /** Longest single piece of an edge above or below, in face sides. */
    public static final double SPAN_PIECE = 1.0;
    public static final double MARGIN = 0.03;
    public static final int FLAG_SIDES = 3;
    /** How far, in face sides, a side line and the end of the lower edge may miss each other and still make a corner. */
    public static final double CORNER = 0.25;

    /**
     * @param mask   bit per {@link BezelCue.Side} (ordinal) with a framing line
     * @param corner the line below the face ends at a side line that reaches down to it (a picture's corner)
     */
    public record Result(int mask, boolean corner) {
        public static final Result NONE = new Result(0, false);

        public int sides() {
            return Integer.bitCount(mask);
        }

        /**
         * Framed on three or four sides, one of them below the face: the face is inside a picture. A live person's
         * neck and body cut whatever lies behind them below the face; a door or window frame around a head gives the
         * sides and the top (measured: such frames flag genuine room scenes), so the lower edge is required.
         */
        public boolean framed() {
            return sides() >= FLAG_SIDES && (mask & 1 << BezelCue.Side.BELOW.ordinal()) != 0 && corner;
        }
    }

    private FrameCue() {}

    /** A joined line: position across its axis, extent along it, and the pieces it was joined from. */
    private static final class Line {
        final double pos;
        double lo, hi;
        final List<double[]> pieces = new ArrayList<>();

        Line(double pos, double lo, double hi) {
            this.pos = pos;
            add(lo, hi);
        }

        void add(double a, double b) {
            lo = pieces.isEmpty() ? a : Math.min(lo, a);
            hi = pieces.isEmpty() ? b : Math.max(hi, b);
            pieces.add(new double[] {a, b});
        }

        double longest() {
            return pieces.stream().mapToDouble(p -> p[1] - p[0]).max().orElse(0);
        }

        /** Length of [a, b] covered by the pieces. */
        double cover(double a, double b) {
            List<double[]> in = new ArrayList<>();
            for (double[] p : pieces) if (Math.min(p[1], b) > Math.max(p[0], a)) in.add(new double[] {Math.max(p[0], a), Math.min(p[1], b)});
            in.sort(Comparator.comparingDouble(p -> p[0]));
            double total = 0, s = Double.NaN, e = Double.NaN;
            for (double[] p : in) {
                if (Double.isNaN(s) || p[0] > e) {
                    if (!Double.isNaN(s)) total += e - s;
                    s = p[0];
                    e = p[1];
                } else e = Math.max(e, p[1]);
            }
            if (!Double.isNaN(s)) total += e - s;
            return total;
        }
    }

    /** Segments as {pos, lo, hi} in face sides, joined when collinear and close. */
    private static List<Line> join(List<double[]> segments) {
        segments.sort(Comparator.comparingDouble(s -> s[1]));
        List<Line> lines = new ArrayList<>();
        for (double[] s : segments) {
            Line into = null;
            for (Line l : lines) {
                if (Math.abs(l.pos - s[0]) <= MERGE_OFFSET && s[1] <= l.hi + MERGE_GAP) {
                    into = l;
                    break;
                }
            }
            if (into == null) lines.add(new Line(s[0], s[1], s[2]));
            else into.add(s[1], s[2]);
        }
        return lines;
    }

    /** Gradients more than this far from an axis cannot belong to a frame edge (tilted at most MAX_TILT). */
    static final double GRADIENT_TILT = BezelCue.MAX_TILT + 10;

    /**
     * Drops edge pixels whose gradient points away from both axes: hair, faces and foliage are full of them, and the
     * probabilistic Hough transform's time grows with every edge pixel (measured: 12 of the cue's 13 ms went there
     * on a 640×480 frame). Only lines within {@link BezelCue#MAX_TILT} of an axis are kept afterwards anyway.
     */
    private static void keepAxisParallel(Mat grey, Mat edges) {
        Mat dx = new Mat(), dy = new Mat(), steep = new Mat(), flat = new Mat();
        try {
            Imgproc.Sobel(grey, dx, org.opencv.core.CvType.CV_32F, 1, 0);
            Imgproc.Sobel(grey, dy, org.opencv.core.CvType.CV_32F, 0, 1);
            Core.absdiff(dx, Scalar.all(0), dx);
            Core.absdiff(dy, Scalar.all(0), dy);
            double cot = 1 / Math.tan(Math.toRadians(GRADIENT_TILT));
            // |dy| <= tan(tilt)|dx|: a nearly vertical edge; |dx| <= tan(tilt)|dy|: a nearly horizontal one
            Core.scaleAdd(dy, cot - 1, dy, steep); // cot·|dy|
            Core.compare(steep, dx, steep, Core.CMP_LE);
            Core.scaleAdd(dx, cot - 1, dx, flat);
            Core.compare(flat, dy, flat, Core.CMP_LE);
            Core.bitwise_or(steep, flat, steep);
            Core.bitwise_and(edges, steep, edges);
        } finally {
            for (Mat m : new Mat[] {dx, dy, steep, flat}) m.release();
        }
    }

    public static Result measure(Mat bgr, FaceRegion face) {
        double side = face.side();
        int x0 = (int) Math.max(0, Math.floor(face.centerX() - REACH_X * side));
        int y0 = (int) Math.max(0, Math.floor(face.centerY() - REACH_Y * side));
        int x1 = (int) Math.min(bgr.cols(), Math.ceil(face.centerX() + REACH_X * side));
        int y1 = (int) Math.min(bgr.rows(), Math.ceil(face.centerY() + REACH_Y * side));
        if (x1 - x0 < 8 || y1 - y0 < 8 || side <= 0) return Result.NONE;
        double k = Math.min(1, FACE_PIXELS / side);
        Mat roi = new Mat(bgr, new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat grey = new Mat(), small = new Mat(), edges = new Mat(), lines = new Mat();
        try {
            Imgproc.cvtColor(roi, grey, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(grey, small, new Size(Math.max(1, Math.round((x1 - x0) * k)), Math.max(1, Math.round((y1 - y0) * k))),
                    0, 0, Imgproc.INTER_AREA);
            Imgproc.GaussianBlur(small, small, new Size(3, 3), 0);
            Imgproc.Canny(small, edges, 50, 150);
            keepAxisParallel(small, edges);
            // One pixel thicker: a real picture edge is never exactly axis-parallel, and the Hough walker loses a
            // one-pixel staircase line every few pixels, breaking it into pieces too short to count.
            Imgproc.dilate(edges, edges, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2, 2)));
            double s = side * k;
            Imgproc.HoughLinesP(edges, lines, 1, Math.PI / 180, (int) Math.max(10, 0.3 * s), MIN_SEGMENT * s, Math.max(2, 0.05 * s));
            double cx = (face.centerX() - x0) * k, cy = (face.centerY() - y0) * k, tan = Math.tan(Math.toRadians(BezelCue.MAX_TILT));
            List<double[]> vertical = new ArrayList<>(), horizontal = new ArrayList<>();
            int[] l = new int[4];
            for (int i = 0; i < lines.rows(); i++) {
                lines.get(i, 0, l);
                // face-centred coordinates in face sides: the face box is [-0.5, 0.5] on both axes
                double ax = (l[0] - cx) / s, ay = (l[1] - cy) / s, bx = (l[2] - cx) / s, by = (l[3] - cy) / s;
                double dx = Math.abs(bx - ax), dy = Math.abs(by - ay);
                if (Math.hypot(dx, dy) < MIN_SEGMENT) continue;
                if (dx <= tan * dy) vertical.add(new double[] {(ax + bx) / 2, Math.min(ay, by), Math.max(ay, by)});
                else if (dy <= tan * dx) horizontal.add(new double[] {(ay + by) / 2, Math.min(ax, bx), Math.max(ax, bx)});
            }
            int mask = 0;
            double edge = 0.5 + MARGIN;
            List<Line> sides = new ArrayList<>(), lower = new ArrayList<>();
            for (Line v : join(vertical)) {
                if (v.hi - v.lo < MIN_SEGMENT || v.cover(-0.5, 0.5) < SIDE_COVER) continue;
                if (v.pos < -edge && -0.5 - v.pos <= SIDE_REACH) mask |= 1 << BezelCue.Side.LEFT.ordinal();
                else if (v.pos > edge && v.pos - 0.5 <= SIDE_REACH) mask |= 1 << BezelCue.Side.RIGHT.ordinal();
                else continue;
                sides.add(v);
            }
            for (Line h : join(horizontal)) {
                // an edge above or below must run under (over) the whole face width, mostly unbroken, and hold one
                // straight piece at least a face wide: fragments of striped clothing join into lines too
                if (h.lo > -0.5 || h.hi < 0.5 || h.cover(-0.5, 0.5) < SPAN_COVER || h.longest() < SPAN_PIECE) continue;
                if (h.pos > edge && h.pos - 0.5 <= TOP_BOTTOM_REACH) {
                    mask |= 1 << BezelCue.Side.BELOW.ordinal();
                    lower.add(h);
                }
                if (h.pos < -edge && -0.5 - h.pos <= TOP_BOTTOM_REACH) mask |= 1 << BezelCue.Side.ABOVE.ordinal();
            }
            // A picture's edges meet at its corners: the lower edge ends at a side line that reaches down to it.
            // Lines across clothing or furniture below a face do not end on the window or door frames beside it.
            boolean corner = false;
            for (Line h : lower) {
                for (Line v : sides) {
                    boolean atEnd = Math.abs(v.pos - h.lo) <= CORNER || Math.abs(v.pos - h.hi) <= CORNER;
                    if (atEnd && v.hi >= h.pos - CORNER && v.lo <= h.pos) corner = true;
                }
            }
            return new Result(mask, corner);
        } finally {
            for (Mat m : new Mat[] {roi, grey, small, edges, lines}) m.release();
        }
    }
}
