package io.verilock.engine.texture;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Straight edges around the face: the border of a phone, tablet or monitor screen, or of a printed photo. Looks in a
 * context window of {@link #CONTEXT}× the face side around the face, scaled so the face is {@link #FACE_PIXELS} px
 * (never enlarged), runs Canny and the probabilistic Hough transform, and counts on how many sides of the face
 * (left, right, above, below) there is a long, nearly axis-parallel line segment entirely outside the face box.
 * A line on two or more sides is the flag. The cue needs the context to be in the frame: it can only see a frame edge
 * when the face is small enough (at most ~40% of the frame width).
 */
public final class BezelCue {
    public static final double CONTEXT = 2.5;
    public static final double FACE_PIXELS = 80;
    /** Shortest line that counts, as a share of the face side. */
    public static final double MIN_LENGTH = 0.6;
    /** Largest angle from the axis, degrees. */
    public static final double MAX_TILT = 20;
    /** Sides with a line for the flag. */
    public static final int FLAG_SIDES = 2;

    public enum Side { LEFT, RIGHT, ABOVE, BELOW }

    /** Farthest a line may lie from the face box, as a share of the face side. */
    public static final double MAX_DISTANCE = 0.75;

    /**
     * @param mask      bit per {@link Side} (ordinal) that has a long straight line
     * @param longest   longest qualifying line over the face side (0 if none)
     * @param visible   share of the context window inside the frame (low = the cue could not look)
     */
    public record Result(int mask, double longest, double visible) {
        /** How many sides of the face have a long straight line (0..4). */
        public int sides() {
            return Integer.bitCount(mask);
        }

        /** Lines on both the left and the right, or both above and below. */
        public boolean opposite() {
            return (mask & 3) == 3 || (mask & 12) == 12;
        }

        public boolean flagged() {
            return sides() >= FLAG_SIDES;
        }
    }

    private BezelCue() {}

    public static Result measure(Mat bgr, FaceRegion face) {
        return measure(bgr, face, MIN_LENGTH, MAX_DISTANCE);
    }

    public static Result measure(Mat bgr, FaceRegion face, double minLength, double maxDistance) {
        double half = CONTEXT * face.side() / 2;
        int x0 = (int) Math.max(0, Math.floor(face.centerX() - half)), y0 = (int) Math.max(0, Math.floor(face.centerY() - half));
        int x1 = (int) Math.min(bgr.cols(), Math.ceil(face.centerX() + half));
        int y1 = (int) Math.min(bgr.rows(), Math.ceil(face.centerY() + half));
        double visible = Math.max(0, x1 - x0) * (double) Math.max(0, y1 - y0) / (4 * half * half);
        if (x1 - x0 < 8 || y1 - y0 < 8) return new Result(0, 0, visible);
        double k = Math.min(1, FACE_PIXELS / face.side());
        Mat roi = new Mat(bgr, new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat grey = new Mat(), small = new Mat(), edges = new Mat(), lines = new Mat();
        try {
            Imgproc.cvtColor(roi, grey, Imgproc.COLOR_BGR2GRAY);
            Size target = new Size(Math.max(1, Math.round((x1 - x0) * k)), Math.max(1, Math.round((y1 - y0) * k)));
            int whole = (int) Math.floor(1 / k);
            if (whole >= 2) {
                // Area-average by a whole factor (OpenCV's fast path), then the remaining factor (< 2) on the smaller image.
                Mat reduced = new Mat();
                Imgproc.resize(grey, reduced, new Size(Math.max(1, (x1 - x0) / whole), Math.max(1, (y1 - y0) / whole)), 0, 0, Imgproc.INTER_AREA);
                Imgproc.resize(reduced, small, target, 0, 0, Imgproc.INTER_AREA);
                reduced.release();
            } else {
                Imgproc.resize(grey, small, target, 0, 0, Imgproc.INTER_AREA);
            }
            Imgproc.GaussianBlur(small, small, new Size(3, 3), 0);
            Imgproc.Canny(small, edges, 50, 150);
            double s = face.side() * k;
            Imgproc.HoughLinesP(edges, lines, 1, Math.PI / 180, (int) Math.max(10, 0.3 * s), minLength * s, Math.max(2, 0.05 * s));
            // Face box in the scaled window (upright box of the mesh; roll is small when the flag matters).
            double fx0 = (face.centerX() - face.side() / 2 - x0) * k, fx1 = (face.centerX() + face.side() / 2 - x0) * k;
            double fy0 = (face.centerY() - face.side() / 2 - y0) * k, fy1 = (face.centerY() + face.side() / 2 - y0) * k;
            double margin = 0.03 * s, far = maxDistance * s, tan = Math.tan(Math.toRadians(MAX_TILT));
            int mask = 0;
            double longest = 0;
            int[] l = new int[4];
            for (int i = 0; i < lines.rows(); i++) {
                lines.get(i, 0, l);
                double ax = l[0], ay = l[1], bx = l[2], by = l[3];
                double dx = Math.abs(bx - ax), dy = Math.abs(by - ay), len = Math.hypot(dx, dy);
                Side side = null;
                if (dx <= tan * dy) {
                    // Vertical: beside the face, overlapping its height.
                    boolean overlaps = Math.max(ay, by) > fy0 && Math.min(ay, by) < fy1;
                    if (overlaps && Math.max(ax, bx) < fx0 - margin && fx0 - Math.max(ax, bx) <= far) side = Side.LEFT;
                    else if (overlaps && Math.min(ax, bx) > fx1 + margin && Math.min(ax, bx) - fx1 <= far) side = Side.RIGHT;
                } else if (dy <= tan * dx) {
                    boolean overlaps = Math.max(ax, bx) > fx0 && Math.min(ax, bx) < fx1;
                    if (overlaps && Math.max(ay, by) < fy0 - margin && fy0 - Math.max(ay, by) <= far) side = Side.ABOVE;
                    else if (overlaps && Math.min(ay, by) > fy1 + margin && Math.min(ay, by) - fy1 <= far) side = Side.BELOW;
                }
                if (side != null) {
                    mask |= 1 << side.ordinal();
                    longest = Math.max(longest, len / s);
                }
            }
            return new Result(mask, longest, visible);
        } finally {
            for (Mat m : new Mat[] {roi, grey, small, edges, lines}) m.release();
        }
    }
}
