package io.verilock.engine.liveness;

import io.verilock.engine.face.Landmarks;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;

import java.util.OptionalDouble;

/**
 * A model-free 3-D cue: the image points of a flat picture (print, screen) move between two views by a single
 * homography, whatever its tilt; the landmarks of a real head turning do not, because the nose, cheeks and ears sit
 * at different depths (parallax). The residual of a least-squares homography fit (RMS, over the face width) is
 * therefore near zero for a picture and a few percent for a head turned 15-30 degrees.
 *
 * <p>All points are used (method 0, no RANSAC): a robust fit would happily find a near-planar subset of a real face.
 */
public final class PlanarityCheck {
    private static volatile Boolean loaded;

    private PlanarityCheck() {}

    /** Loads OpenCV's bundled native library once; false if this platform has none. */
    public static boolean available() {
        if (loaded == null) {
            synchronized (PlanarityCheck.class) {
                if (loaded == null) {
                    try {
                        nu.pattern.OpenCV.loadLocally();
                        loaded = true;
                    } catch (Throwable t) { // no native build for this platform: the cue is then not measured
                        loaded = false;
                    }
                }
            }
        }
        return loaded;
    }

    /**
     * RMS distance between {@code to} and {@code from} mapped by the best homography, divided by the landmark span
     * of {@code to} along x; empty when OpenCV is unavailable or the fit degenerates.
     */
    public static OptionalDouble residual(Landmarks from, Landmarks to) {
        if (!available()) return OptionalDouble.empty();
        int n = Math.min(from.size(), to.size());
        if (n < 8) return OptionalDouble.empty();
        Point[] a = new Point[n], b = new Point[n];
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            a[i] = new Point(from.x(i), from.y(i));
            b[i] = new Point(to.x(i), to.y(i));
            minX = Math.min(minX, to.x(i));
            maxX = Math.max(maxX, to.x(i));
        }
        if (maxX - minX <= 0) return OptionalDouble.empty();
        MatOfPoint2f src = new MatOfPoint2f(a), dst = new MatOfPoint2f(b), mapped = new MatOfPoint2f();
        Mat h = Calib3d.findHomography(src, dst, 0, 3);
        try {
            if (h.empty()) return OptionalDouble.empty();
            Core.perspectiveTransform(src, mapped, h);
            Point[] m = mapped.toArray();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double dx = m[i].x - b[i].x, dy = m[i].y - b[i].y;
                sum += dx * dx + dy * dy;
            }
            return OptionalDouble.of(Math.sqrt(sum / n) / (maxX - minX));
        } finally {
            src.release();
            dst.release();
            mapped.release();
            h.release();
        }
    }
}
