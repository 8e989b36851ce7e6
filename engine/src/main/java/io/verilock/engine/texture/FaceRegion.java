package io.verilock.engine.texture;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Where a face is in a frame, as the texture cues crop it: the centre and longer side of the face-mesh bounding box,
 * and the in-plane roll of the eye line. Training and run time build it the same way (from the mesh box and the two
 * outer eye corners), so the 64-px crop the LBP model sees is aligned identically.
 *
 * @param centerX face centre, image pixels
 * @param centerY face centre, image pixels
 * @param side    longer side of the mesh box, image pixels
 * @param roll    radians the eye line is turned clockwise in the image (0 = level)
 */
public record FaceRegion(double centerX, double centerY, double side, double roll) {

    /** From the mesh bounding box and the outer eye corners (subject's right eye, then left eye). */
    public static FaceRegion fromMesh(double x, double y, double width, double height,
                                      double rightEyeX, double rightEyeY, double leftEyeX, double leftEyeY) {
        return new FaceRegion(x + width / 2, y + height / 2, Math.max(width, height),
                Math.atan2(leftEyeY - rightEyeY, leftEyeX - rightEyeX));
    }

    /**
     * The face turned upright and resampled to {@code size}×{@code size} BGR pixels, covering {@code scale}×side.
     * Large faces are warped near 1:1 first and then area-averaged down, so the result does not alias. Outside the
     * image reads black. The caller releases the result.
     */
    public Mat uprightCrop(Mat bgr, double scale, int size) {
        double extent = side * scale;
        int warpSize = (int) Math.max(size, Math.min(Math.round(extent), 4L * size));
        double k = warpSize / extent, a = k * Math.cos(roll), b = k * Math.sin(roll);
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, a, b, warpSize / 2.0 - a * centerX - b * centerY,
                -b, a, warpSize / 2.0 + b * centerX - a * centerY);
        Mat warped = new Mat();
        Imgproc.warpAffine(bgr, warped, m, new Size(warpSize, warpSize), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT,
                new Scalar(0, 0, 0));
        m.release();
        if (warpSize == size) return warped;
        Mat out = new Mat();
        Imgproc.resize(warped, out, new Size(size, size), 0, 0, Imgproc.INTER_AREA);
        warped.release();
        return out;
    }
}
