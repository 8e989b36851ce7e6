package io.verilock.engine.face;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A square, possibly rotated region of an image, resampled to {@code size}×{@code size} pixels: how every model here
 * sees a face. Rotating by the face's roll first means the models see an upright face, as they were trained.
 * Maps crop pixels back to image pixels.
 */
final class Crop {
    final double centerX, centerY, side, angle;
    final int size;
    private final double cos, sin, scale;

    /**
     * @param angle radians the face is rolled clockwise in the image; the crop turns it back upright
     */
    Crop(double centerX, double centerY, double side, double angle, int size) {
        this.centerX = centerX;
        this.centerY = centerY;
        this.side = side;
        this.angle = angle;
        this.size = size;
        this.cos = Math.cos(angle);
        this.sin = Math.sin(angle);
        this.scale = size / side;
    }

    /** Resamples the region (bilinear; outside the image reads black). The caller releases the result. */
    Mat warp(Mat image) {
        // image -> crop: d = k·R(-angle)·(p - c) + size/2
        double a = scale * cos, b = scale * sin;
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, a, b, size / 2.0 - a * centerX - b * centerY,
                -b, a, size / 2.0 + b * centerX - a * centerY);
        Mat out = new Mat();
        Imgproc.warpAffine(image, out, m, new Size(size, size), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
        m.release();
        return out;
    }

    /** Image x of crop point (u, v). */
    double imageX(double u, double v) {
        double du = (u - size / 2.0) / scale, dv = (v - size / 2.0) / scale;
        return centerX + cos * du - sin * dv;
    }

    /** Image y of crop point (u, v). */
    double imageY(double u, double v) {
        double du = (u - size / 2.0) / scale, dv = (v - size / 2.0) / scale;
        return centerY + sin * du + cos * dv;
    }

    /** Image pixels per crop pixel. */
    double pixelScale() {
        return 1 / scale;
    }
}
