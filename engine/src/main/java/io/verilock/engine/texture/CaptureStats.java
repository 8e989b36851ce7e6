package io.verilock.engine.texture;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/**
 * Recapture statistics of the upright face crop (128 px): sharpness (variance of the Laplacian), dynamic range
 * (1st to 99th percentile of luma) and mean saturation. A screen or a print seen again through a camera tends to be
 * blurrier, flatter and less or oddly saturated; but so is a dim or cheap webcam, so these are reported, and used as
 * capture-quality evidence rather than as a verdict (docs/TEXTURE.md).
 *
 * @param sharpness    Laplacian variance of the 128-px grey face
 * @param range        luma 99th minus 1st percentile, 0..255
 * @param saturation   mean HSV saturation, 0..255
 */
public record CaptureStats(double sharpness, double range, double saturation) {
    public static final int SIZE = 128;

    public static CaptureStats measure(Mat bgr, FaceRegion face) {
        Mat crop = face.uprightCrop(bgr, 1.0, SIZE);
        try {
            return ofCrop(crop);
        } finally {
            crop.release();
        }
    }

    /** Of the 128-px upright BGR face crop. */
    public static CaptureStats ofCrop(Mat crop) {
        Mat grey = new Mat(), lap = new Mat(), hsv = new Mat();
        MatOfDouble mean = new MatOfDouble(), dev = new MatOfDouble();
        try {
            Imgproc.cvtColor(crop, grey, Imgproc.COLOR_BGR2GRAY);
            Imgproc.Laplacian(grey, lap, CvType.CV_64F);
            Core.meanStdDev(lap, mean, dev);
            double sharpness = dev.get(0, 0)[0] * dev.get(0, 0)[0];
            byte[] g = new byte[SIZE * SIZE];
            grey.get(0, 0, g);
            int[] hist = new int[256];
            for (byte b : g) hist[b & 0xff]++;
            double range = percentile(hist, g.length, 0.99) - percentile(hist, g.length, 0.01);
            Imgproc.cvtColor(crop, hsv, Imgproc.COLOR_BGR2HSV);
            double saturation = Core.mean(hsv).val[1];
            return new CaptureStats(sharpness, range, saturation);
        } finally {
            for (Mat m : new Mat[] {grey, lap, hsv, mean, dev}) m.release();
        }
    }

    private static int percentile(int[] hist, int n, double q) {
        long target = (long) Math.ceil(q * n), seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (seen >= target) return v;
        }
        return 255;
    }
}
