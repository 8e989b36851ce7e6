package io.verilock.engine.simulate;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.HeadPose;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.photo.Photo;

/**
 * A photographed face made ready for rendering: the photo framed like a webcam selfie (face about a third of the
 * frame wide), its 468 landmarks with depth in frame pixels, the head pose the photo already has, and a background
 * with the face region inpainted and blurred (what is seen where the face moves away).
 */
public final class Subject3d implements AutoCloseable {
    final int width, height;
    final Mat photo;       // framed BGR
    final Mat background;  // framed BGR, face inpainted
    final float[] xyz;     // landmarks in frame pixels (z same scale)
    final HeadPose photoPose;
    final double faceWidth, eyeDistance;

    private Subject3d(int width, int height, Mat photo, Mat background, float[] xyz, HeadPose photoPose) {
        this.width = width;
        this.height = height;
        this.photo = photo;
        this.background = background;
        this.xyz = xyz;
        this.photoPose = photoPose;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            minX = Math.min(minX, xyz[3 * i]);
            maxX = Math.max(maxX, xyz[3 * i]);
        }
        this.faceWidth = maxX - minX;
        int a = FaceMeshTopology.RIGHT_EYE_OUTER, b = FaceMeshTopology.LEFT_EYE_OUTER;
        this.eyeDistance = Math.hypot(xyz[3 * a] - xyz[3 * b], xyz[3 * a + 1] - xyz[3 * b + 1]);
    }

    /**
     * Analyses {@code encodedPhoto} (JPEG/PNG) and frames it at {@code width} x {@code height}.
     *
     * @throws IllegalArgumentException when the photo holds no face
     */
    public static Subject3d from(byte[] encodedPhoto, FaceAnalyzer analyzer, int width, int height) throws ImageInputException {
        if (width % 2 != 0 || height % 2 != 0) throw new IllegalArgumentException("frame size must be even: " + width + "x" + height);
        FrameAnalysis analysis = analyzer.analyzeBytes(encodedPhoto);
        FaceObservation face = analysis.primary()
                .orElseThrow(() -> new IllegalArgumentException("no face found in the photo"));
        try (DecodedImage image = new ImageDecoder().decode(encodedPhoto)) {
            return frame(image.bgr(), face.landmarks(), face.pose(), width, height);
        }
    }

    static Subject3d frame(Mat src, Landmarks m, HeadPose pose, int width, int height) {
        io.verilock.engine.face.Box b = m.bounds();
        double minX = b.x(), minY = b.y(), maxX = b.x() + b.width(), maxY = b.y() + b.height();
        // Face 32% of the frame width, centred a little above the middle: a typical laptop-camera selfie.
        double k = 0.32 * width / (maxX - minX);
        double tx = width / 2.0 - k * (minX + maxX) / 2, ty = 0.47 * height - k * (minY + maxY) / 2;
        Mat a = new Mat(2, 3, CvType.CV_64F);
        a.put(0, 0, k, 0, tx, 0, k, ty);
        Mat framed = new Mat();
        Imgproc.warpAffine(src, framed, a, new Size(width, height), Imgproc.INTER_LINEAR, Core.BORDER_REFLECT_101);
        a.release();
        float[] xyz = new float[Landmarks.COUNT * 3];
        for (int i = 0; i < Landmarks.COUNT; i++) {
            xyz[3 * i] = (float) (k * m.x(i) + tx);
            xyz[3 * i + 1] = (float) (k * m.y(i) + ty);
            xyz[3 * i + 2] = (float) (k * m.z(i));
        }
        return new Subject3d(width, height, framed, inpaintFace(framed, xyz), xyz, pose);
    }

    /** The frame with the face (slightly enlarged hull) inpainted at half resolution and blurred. */
    private static Mat inpaintFace(Mat framed, float[] xyz) {
        int w = framed.cols(), h = framed.rows();
        Mat small = new Mat();
        Imgproc.resize(framed, small, new Size(w / 2.0, h / 2.0), 0, 0, Imgproc.INTER_AREA);
        Mat mask = Mat.zeros(small.size(), CvType.CV_8UC1);
        Point[] pts = new Point[FaceMeshTopology.SILHOUETTE.length];
        double cx = 0, cy = 0;
        for (int i : FaceMeshTopology.SILHOUETTE) {
            cx += xyz[3 * i];
            cy += xyz[3 * i + 1];
        }
        cx /= pts.length;
        cy /= pts.length;
        for (int j = 0; j < pts.length; j++) {
            int i = FaceMeshTopology.SILHOUETTE[j];
            double x = cx + 1.06 * (xyz[3 * i] - cx), y = cy + 1.06 * (xyz[3 * i + 1] - cy);
            pts[j] = new Point(x / 2, y / 2);
        }
        Imgproc.fillPoly(mask, java.util.List.of(new MatOfPoint(pts)), new Scalar(255));
        Mat filled = new Mat();
        Photo.inpaint(small, mask, filled, 6, Photo.INPAINT_TELEA);
        Imgproc.GaussianBlur(filled, filled, new Size(0, 0), 6);
        // Where a turn uncovers the face region, the side of a head is skin, not the backdrop: inside the hull, the
        // face itself heavily blurred, fading into the inpainted ring at the hull's edge.
        Mat skin = new Mat(), inner = new Mat();
        Imgproc.GaussianBlur(small, skin, new Size(0, 0), 9);
        Imgproc.erode(mask, inner, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(15, 15)));
        Imgproc.GaussianBlur(inner, inner, new Size(0, 0), 5);
        Mat mixed = blend(filled, skin, inner);
        filled.release();
        filled = mixed;
        skin.release();
        inner.release();
        Mat big = new Mat(), bigMask = new Mat();
        Imgproc.resize(filled, big, framed.size(), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.resize(mask, bigMask, framed.size(), 0, 0, Imgproc.INTER_LINEAR);
        Imgproc.GaussianBlur(bigMask, bigMask, new Size(0, 0), 4);
        Mat out = blend(framed, big, bigMask);
        for (Mat t : new Mat[] {small, mask, filled, big, bigMask}) t.release();
        return out;
    }

    /** {@code over} where {@code alpha} (8-bit) is high, {@code under} elsewhere. */
    static Mat blend(Mat under, Mat over, Mat alpha) {
        Mat a = new Mat(), a3 = new Mat(), u = new Mat(), o = new Mat(), inv = new Mat(), out = new Mat();
        alpha.convertTo(a, CvType.CV_32F, 1 / 255.0);
        Imgproc.cvtColor(a, a3, Imgproc.COLOR_GRAY2BGR);
        under.convertTo(u, CvType.CV_32FC3);
        over.convertTo(o, CvType.CV_32FC3);
        Core.multiply(o, a3, o);
        Core.subtract(new Mat(a3.size(), a3.type(), new Scalar(1, 1, 1)), a3, inv);
        Core.multiply(u, inv, u);
        Core.add(u, o, u);
        u.convertTo(out, CvType.CV_8UC3);
        for (Mat t : new Mat[] {a, a3, u, o, inv}) t.release();
        return out;
    }

    public int width() { return width; }
    public int height() { return height; }
    public HeadPose photoPose() { return photoPose; }

    /** The framed photo (owned by this subject: do not release). */
    public Mat framedPhoto() { return photo; }

    @Override
    public void close() {
        photo.release();
        background.release();
    }
}
