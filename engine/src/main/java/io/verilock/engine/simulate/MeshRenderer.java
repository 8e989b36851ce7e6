package io.verilock.engine.simulate;

import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Subject3d} in a new pose and expression. The 468 landmarks are a textured 3-D mesh (MediaPipe's
 * triangulation): they are deformed (eyelids, mouth corners), rotated about a pivot behind the face, projected with
 * a mild perspective, and every visible triangle samples the photo affinely from its original position (the inverse
 * of {@code getAffineTransform} per triangle, rasterised with a depth buffer instead of painter's order, so no
 * seams or depth-order errors), then {@code remap}. Hair, ears and neck follow the face outline through a smooth
 * displacement field on the inpainted background.
 */
public final class MeshRenderer {
    private final Subject3d s;
    private final int[] tris = FaceMeshTopology.withMouth();
    private final double[] srcArea;
    private final double px, py, pz, meanZ, cameraDistance;
    private final double[][] r0t;
    private final double depthScale;
    /** Smile deformation amounts that read as a neutral mouth and as a full smile on this subject. */
    private final double neutralSmile, fullSmile;

    /** A rendered frame (BGR, owned by the caller) and the projected landmarks (x, y, depth per point). */
    public record Frame(Mat bgr, float[] projected) {}

    public MeshRenderer(Subject3d subject) {
        this(subject, DEFAULT_DEPTH_SCALE);
    }

    /**
     * The face mesh's depth is flatter than a real head's: rotated as is, a 35° turn reads as about 22-29° to the
     * engine (measured on the built-in subject). Depth is stretched by this factor in the head's own frame.
     */
    public static final double DEFAULT_DEPTH_SCALE = 1.4;

    public MeshRenderer(Subject3d subject, double depthScale) {
        this.s = subject;
        this.depthScale = depthScale;
        float[] p = subject.xyz;
        double sx = 0, sy = 0, sz = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            sx += p[3 * i];
            sy += p[3 * i + 1];
            sz += p[3 * i + 2];
        }
        int n = Landmarks.COUNT;
        meanZ = sz / n;
        px = sx / n;
        py = sy / n;
        pz = meanZ + 0.55 * subject.faceWidth; // a head turns about the neck, well behind the face surface
        cameraDistance = 9 * subject.faceWidth;
        srcArea = new double[tris.length / 3];
        for (int t = 0; t < srcArea.length; t++) {
            int a = tris[3 * t], b = tris[3 * t + 1], c = tris[3 * t + 2];
            srcArea[t] = (p[3 * b] - p[3 * a]) * (p[3 * c + 1] - p[3 * a + 1]) - (p[3 * c] - p[3 * a]) * (p[3 * b + 1] - p[3 * a + 1]);
        }
        HeadPose h = subject.photoPose;
        r0t = transpose(rotation(h.yaw(), h.pitch(), h.roll()));
        // A smiling photo is neutralised: mouth corners in and down until the smile meter reads ~0 on the mesh, and
        // beyond by half as much again, because the engine's mesh re-fitted on the rendered texture reads ~0.15 there.
        double flat = solveSmile(-3, 0, 0.01);
        neutralSmile = flat < 0 ? 2.0 * flat : flat;
        fullSmile = solveSmile(neutralSmile, 3, 0.95);
    }

    /** The smile deformation in [lo, hi] whose mouth geometry reads {@code target} on the engine's smile meter. */
    private double solveSmile(double lo, double hi, double target) {
        if (geometricSmile(lo) >= target) return lo;
        if (geometricSmile(hi) <= target) return hi;
        for (int i = 0; i < 40; i++) {
            double mid = (lo + hi) / 2;
            if (geometricSmile(mid) < target) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private double geometricSmile(double amount) {
        return io.verilock.engine.face.SmileMeter.defaults().geometric(new Landmarks(deform(0, amount)));
    }

    public int width() { return s.width; }

    public int height() { return s.height; }

    /** The deformation amounts for neutral and full smile (diagnostics). */
    public double[] smileRange() { return new double[] {neutralSmile, fullSmile}; }

    /** R = Ry(yaw)·Rx(-pitch)·Rz(roll): the head frame the engine's pose estimator decomposes (camera x right, y down, z away). */
    static double[][] rotation(double yawDeg, double pitchDeg, double rollDeg) {
        double y = Math.toRadians(yawDeg), p = Math.toRadians(-pitchDeg), r = Math.toRadians(rollDeg);
        double[][] ry = {{Math.cos(y), 0, Math.sin(y)}, {0, 1, 0}, {-Math.sin(y), 0, Math.cos(y)}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(p), -Math.sin(p)}, {0, Math.sin(p), Math.cos(p)}};
        double[][] rz = {{Math.cos(r), -Math.sin(r), 0}, {Math.sin(r), Math.cos(r), 0}, {0, 0, 1}};
        return mul(ry, mul(rx, rz));
    }

    /** The deformed, rotated and projected landmarks for a state (x, y in output pixels; z depth). */
    public float[] project(FaceState st) {
        float[] p = deform(st.closure(), neutralSmile + st.smile() * (fullSmile - neutralSmile));
        closeMouth(p, 1 - Math.min(1, st.smile() * 1.5));
        double[][] r = rotation(st.yaw(), st.pitch(), st.roll());
        double behind = pz - meanZ;
        float[] out = new float[p.length];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            double x0 = p[3 * i] - px, y0 = p[3 * i + 1] - py, z0 = p[3 * i + 2] - pz;
            // into the head's own frame (undoing the photo's pose), depth stretched, then the new pose
            double x = r0t[0][0] * x0 + r0t[0][1] * y0 + r0t[0][2] * z0;
            double y = r0t[1][0] * x0 + r0t[1][1] * y0 + r0t[1][2] * z0;
            double z = (r0t[2][0] * x0 + r0t[2][1] * y0 + r0t[2][2] * z0 + behind) * depthScale - behind;
            double qx = r[0][0] * x + r[0][1] * y + r[0][2] * z;
            double qy = r[1][0] * x + r[1][1] * y + r[1][2] * z;
            double qz = r[2][0] * x + r[2][1] * y + r[2][2] * z + pz;
            double k = cameraDistance / (cameraDistance + qz - meanZ);
            out[3 * i] = (float) (px + st.dx() + qx * k);
            out[3 * i + 1] = (float) (py + st.dy() + qy * k);
            out[3 * i + 2] = (float) qz;
        }
        return out;
    }

    /** Eyelids moved towards the lower lids by {@code closure}; mouth corners widened and raised by {@code smile}. */
    float[] deform(double closure, double smile) {
        float[] p = s.xyz.clone();
        if (closure > 0) {
            closeLids(p, FaceMeshTopology.RIGHT_UPPER, FaceMeshTopology.RIGHT_LOWER, FaceMeshTopology.RIGHT_CREASE, closure);
            closeLids(p, FaceMeshTopology.LEFT_UPPER, FaceMeshTopology.LEFT_LOWER, FaceMeshTopology.LEFT_CREASE, closure);
        }
        if (smile != 0) {
            float[] base = s.xyz;
            double e = s.eyeDistance;
            int r = FaceMeshTopology.MOUTH_RIGHT, l = FaceMeshTopology.MOUTH_LEFT;
            double mx = (base[3 * r] + base[3 * l]) / 2, my = (base[3 * r + 1] + base[3 * l + 1]) / 2;
            double ux = base[3 * l] - base[3 * r], uy = base[3 * l + 1] - base[3 * r + 1];
            double un = Math.hypot(ux, uy);
            ux /= un;
            uy /= un; // image-right along the mouth; "up" is (uy, -ux)
            double[][] pulls = {
                    {base[3 * r], base[3 * r + 1], -0.085 * e, 0.075 * e, 0.15 * e},
                    {base[3 * l], base[3 * l + 1], 0.085 * e, 0.075 * e, 0.15 * e},
                    {base[3 * FaceMeshTopology.RIGHT_CHEEK], base[3 * FaceMeshTopology.RIGHT_CHEEK + 1], -0.01 * e, 0.035 * e, 0.2 * e},
                    {base[3 * FaceMeshTopology.LEFT_CHEEK], base[3 * FaceMeshTopology.LEFT_CHEEK + 1], 0.01 * e, 0.035 * e, 0.2 * e}};
            for (int i = 0; i < Landmarks.COUNT; i++) {
                double dx = 0, dy = 0;
                for (double[] q : pulls) {
                    double d2 = sq(base[3 * i] - q[0]) + sq(base[3 * i + 1] - q[1]);
                    double w = Math.exp(-d2 / (2 * q[4] * q[4]));
                    dx += w * (q[2] * ux + q[3] * uy);
                    dy += w * (q[2] * uy - q[3] * ux);
                }
                // the lips' midline stays put: a smile stretches from the corners
                double along = Math.abs((base[3 * i] - mx) * ux + (base[3 * i + 1] - my) * uy) / (un / 2);
                double keep = Math.min(1, along * along);
                p[3 * i] += (float) (smile * dx * Math.max(keep, 0.15));
                p[3 * i + 1] += (float) (smile * dy * Math.max(keep, 0.15));
            }
        }
        return p;
    }

    /** Lips together (a neutral mouth); the photo's own opening (teeth of a smiling photo) returns as the smile grows. */
    private static void closeMouth(float[] p, double amount) {
        if (amount <= 0) return;
        int[] u = FaceMeshTopology.INNER_UPPER_LIP, l = FaceMeshTopology.INNER_LOWER_LIP;
        for (int k = 1; k + 1 < u.length; k++) {
            for (int d = 0; d < 3; d++) {
                double mid = (p[3 * u[k] + d] + p[3 * l[k] + d]) / 2;
                p[3 * u[k] + d] += (float) (amount * (mid - p[3 * u[k] + d]));
                p[3 * l[k] + d] += (float) (amount * (mid - p[3 * l[k] + d]));
            }
        }
    }

    /**
     * Texture coordinates for a closure: the lash line is left out of the stretched lid (its texture comes from the
     * skin between lashes and crease, shifted up) and drawn again along the closed lids.
     */
    private float[] textureFor(double closure) {
        if (closure <= 0) return s.xyz;
        float[] t = s.xyz.clone();
        int[][][] eyes = {{FaceMeshTopology.RIGHT_UPPER, FaceMeshTopology.RIGHT_CREASE},
                {FaceMeshTopology.LEFT_UPPER, FaceMeshTopology.LEFT_CREASE}};
        for (int[][] e : eyes) {
            for (int k = 0; k < e[0].length; k++) {
                int u = e[0][k], c = e[1][k];
                for (int d = 0; d < 2; d++) t[3 * u + d] += (float) (closure * 0.35 * (s.xyz[3 * c + d] - s.xyz[3 * u + d]));
            }
        }
        return t;
    }

    private static void closeLids(float[] p, int[] upper, int[] lower, int[] crease, double closure) {
        for (int k = 0; k < upper.length; k++) {
            int u = upper[k], l = lower[k], c = crease[k];
            for (int d = 0; d < 3; d++) {
                double target = p[3 * l + d] + 0.05 * (p[3 * u + d] - p[3 * l + d]);
                double move = closure * (target - p[3 * u + d]);
                p[3 * u + d] += (float) move;
                p[3 * c + d] += (float) (0.7 * move);
            }
        }
    }

    /** Renders the full frame: background (hair and neck following the head), then the textured face. */
    public Frame render(FaceState st) {
        float[] q = project(st);
        Mat bg = warpBackground(q);
        Mat face = renderFace(q, textureFor(st.closure()), s.photo);
        Mat out = Subject3d.blend(bg, face.submat(0, s.height, 0, s.width), alpha);
        bg.release();
        face.release();
        alpha.release();
        if (st.closure() > 0.3) lashLines(out, q, st.closure());
        return new Frame(out, q);
    }

    private Mat alpha;

    /** The photo's face texture mapped onto the projected mesh; sets {@link #alpha} to its soft coverage. */
    private Mat renderFace(float[] q, float[] src, Mat texture) {
        int w = s.width, h = s.height;
        float[] mapX = new float[w * h], mapY = new float[w * h];
        float[] depth = new float[w * h];
        byte[] cover = new byte[w * h];
        java.util.Arrays.fill(depth, Float.MAX_VALUE);
        java.util.Arrays.fill(mapX, -1);
        java.util.Arrays.fill(mapY, -1);
        for (int t = 0; t < srcArea.length; t++) {
            int a = tris[3 * t], b = tris[3 * t + 1], c = tris[3 * t + 2];
            double x0 = q[3 * a], y0 = q[3 * a + 1], x1 = q[3 * b], y1 = q[3 * b + 1], x2 = q[3 * c], y2 = q[3 * c + 1];
            double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
            if (Math.abs(area) < 1e-6 || Math.signum(area) != Math.signum(srcArea[t])) continue; // collapsed or facing away
            int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
            int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
            int minY = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
            int maxY = Math.min(h - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
            double z0 = q[3 * a + 2], z1 = q[3 * b + 2], z2 = q[3 * c + 2];
            double u0 = src[3 * a], v0 = src[3 * a + 1], u1 = src[3 * b], v1 = src[3 * b + 1], u2 = src[3 * c], v2 = src[3 * c + 1];
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    double b1 = ((x - x0) * (y2 - y0) - (x2 - x0) * (y - y0)) / area;
                    double b2 = ((x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)) / area;
                    double b0 = 1 - b1 - b2;
                    if (b0 < -1e-3 || b1 < -1e-3 || b2 < -1e-3) continue;
                    int i = y * w + x;
                    float z = (float) (b0 * z0 + b1 * z1 + b2 * z2);
                    if (z >= depth[i]) continue;
                    depth[i] = z;
                    mapX[i] = (float) (b0 * u0 + b1 * u1 + b2 * u2);
                    mapY[i] = (float) (b0 * v0 + b1 * v1 + b2 * v2);
                    cover[i] = (byte) 255;
                }
            }
        }
        Mat mx = new Mat(h, w, CvType.CV_32FC1), my = new Mat(h, w, CvType.CV_32FC1);
        mx.put(0, 0, mapX);
        my.put(0, 0, mapY);
        Mat out = new Mat();
        Imgproc.remap(texture, out, mx, my, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Mat c = new Mat(h, w, CvType.CV_8UC1);
        c.put(0, 0, cover);
        Imgproc.erode(c, c, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3)));
        Imgproc.GaussianBlur(c, c, new Size(0, 0), 1.2);
        alpha = c;
        mx.release();
        my.release();
        return out;
    }

    /** The inpainted background displaced like the face outline near it (hair, ears, neck), fading with distance. */
    private Mat warpBackground(float[] q) {
        int step = 8, gw = s.width / step + 2, gh = s.height / step + 2;
        int[] sil = FaceMeshTopology.SILHOUETTE;
        float[] src = s.xyz;
        double fall = 0.55 * s.faceWidth, soft = 0.05 * s.faceWidth;
        float[] mx = new float[gw * gh], my = new float[gw * gh];
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                double x = gx * step, y = gy * step, sw = 0, dx = 0, dy = 0, dmin = Double.MAX_VALUE;
                for (int i : sil) {
                    double d2 = sq(x - src[3 * i]) + sq(y - src[3 * i + 1]);
                    dmin = Math.min(dmin, d2);
                    double wgt = 1 / (d2 + soft * soft);
                    sw += wgt;
                    dx += wgt * (q[3 * i] - src[3 * i]);
                    dy += wgt * (q[3 * i + 1] - src[3 * i + 1]);
                }
                double f = Math.exp(-dmin / (fall * fall));
                mx[gy * gw + gx] = (float) (x - f * dx / sw);
                my[gy * gw + gx] = (float) (y - f * dy / sw);
            }
        }
        Mat sx = new Mat(gh, gw, CvType.CV_32FC1), sy = new Mat(gh, gw, CvType.CV_32FC1);
        sx.put(0, 0, mx);
        sy.put(0, 0, my);
        Mat fx = new Mat(), fy = new Mat();
        Size big = new Size(gw * step, gh * step);
        Imgproc.resize(sx, fx, big, 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.resize(sy, fy, big, 0, 0, Imgproc.INTER_LINEAR);
        // resize samples the grid at pixel centres: grid point g sits at pixel g*step + (step-1)/2
        Mat shift = new Mat(2, 3, CvType.CV_64F);
        shift.put(0, 0, 1, 0, (step - 1) / 2.0, 0, 1, (step - 1) / 2.0);
        Mat ax = new Mat(), ay = new Mat();
        Imgproc.warpAffine(fx, ax, shift, new Size(s.width, s.height), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Imgproc.warpAffine(fy, ay, shift, new Size(s.width, s.height), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        Mat out = new Mat();
        Imgproc.remap(s.background, out, ax, ay, Imgproc.INTER_LINEAR, Core.BORDER_REFLECT_101);
        for (Mat m : new Mat[] {sx, sy, fx, fy, shift, ax, ay}) m.release();
        return out;
    }

    /** A closed eye shows its lash line: a soft dark curve along the meeting lids. */
    private void lashLines(Mat out, float[] q, double closure) {
        Mat overlay = out.clone();
        int thick = Math.max(1, (int) Math.round(s.eyeDistance / 60));
        for (int[] ring : new int[][] {{33, 7, 163, 144, 145, 153, 154, 155, 133}, {263, 249, 390, 373, 374, 380, 381, 382, 362}}) {
            List<Point> pts = new ArrayList<>();
            for (int i : ring) pts.add(new Point(q[3 * i], q[3 * i + 1] - 0.5 * thick));
            MatOfPoint line = new MatOfPoint(pts.toArray(new Point[0]));
            Imgproc.polylines(overlay, List.of(line), false, new Scalar(30, 35, 45), thick, Imgproc.LINE_AA);
        }
        Imgproc.GaussianBlur(overlay, overlay, new Size(3, 3), 0);
        double a = 0.75 * Math.min(1, (closure - 0.3) / 0.6);
        Core.addWeighted(out, 1 - a, overlay, a, 0, out);
        overlay.release();
    }

    private static double sq(double v) { return v * v; }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = m[j][i];
        return t;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }
}
