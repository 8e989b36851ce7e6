package io.verilock.engine.texture;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Colour local binary patterns (Boulkenafet, Komulainen and Hadid, 2015): rotation-invariant uniform LBP histograms
 * (P = 8 neighbours at radius 1 and at radius 2, bilinear sampling, P + 2 = 10 bins each, as scikit-image's
 * "uniform" method) on each of the Y, Cb, Cr, H, S and V channels of a 64×64 upright face crop (area-averaged from
 * the 128-px crop), concatenated:
 * 6 channels × 2 radii × 10 bins = 120 features, each histogram normalised to sum 1.
 */
public final class ColourLbp {
    public static final int CROP = 64;
    /** Crop side over the mesh box's longer side: the face itself, little background. */
    public static final double CROP_SCALE = 1.0;
    public static final int P = 8;
    public static final int BINS = P + 2;
    public static final double[] RADII = {1, 2};
    public static final String[] CHANNELS = {"Y", "Cb", "Cr", "H", "S", "V"};
    public static final int FEATURES = CHANNELS.length * RADII.length * BINS;

    private ColourLbp() {}

    /** Features of a face in a frame. */
    public static double[] features(Mat bgr, FaceRegion region) {
        Mat big = region.uprightCrop(bgr, CROP_SCALE, CaptureStats.SIZE);
        try {
            return featuresOfCrop(big);
        } finally {
            big.release();
        }
    }

    /**
     * The 64-px crop from the 128-px upright face crop (area averaging): the one resampling chain used in training
     * and at run time, shared with {@link CaptureStats} so a frame warps the face once.
     */
    static Mat crop64(Mat crop128) {
        Mat out = new Mat();
        Imgproc.resize(crop128, out, new Size(CROP, CROP), 0, 0, Imgproc.INTER_AREA);
        return out;
    }

    /** Features of an upright BGR face crop of {@link CaptureStats#SIZE} (128) pixels. */
    public static double[] featuresOfCrop(Mat crop128) {
        if (crop128.rows() != CaptureStats.SIZE || crop128.cols() != CaptureStats.SIZE || crop128.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected a " + CaptureStats.SIZE + "x" + CaptureStats.SIZE + " 8-bit BGR crop");
        }
        Mat crop64 = crop64(crop128);
        try {
            return featuresOf64(crop64);
        } finally {
            crop64.release();
        }
    }

    private static double[] featuresOf64(Mat crop64) {
        Mat ycrcb = new Mat(), hsv = new Mat();
        Imgproc.cvtColor(crop64, ycrcb, Imgproc.COLOR_BGR2YCrCb);
        Imgproc.cvtColor(crop64, hsv, Imgproc.COLOR_BGR2HSV);
        byte[] a = new byte[CROP * CROP * 3], b = new byte[CROP * CROP * 3];
        ycrcb.get(0, 0, a);
        hsv.get(0, 0, b);
        ycrcb.release();
        hsv.release();
        double[] out = new double[FEATURES];
        int[] channel = new int[CROP * CROP];
        // OpenCV's YCrCb order is Y, Cr, Cb; ours is Y, Cb, Cr.
        int[][] sources = {{0, 0}, {0, 2}, {0, 1}, {1, 0}, {1, 1}, {1, 2}};
        for (int c = 0; c < sources.length; c++) {
            byte[] src = sources[c][0] == 0 ? a : b;
            int k = sources[c][1];
            for (int i = 0; i < channel.length; i++) channel[i] = src[3 * i + k] & 0xff;
            for (int r = 0; r < RADII.length; r++) {
                histogram(channel, CROP, CROP, RADII[r], out, (c * RADII.length + r) * BINS);
            }
        }
        return out;
    }

    /**
     * Adds the normalised rotation-invariant uniform LBP histogram (P = 8) of a grey image to {@code out} at
     * {@code offset}: bin k (0..8) counts uniform patterns with k neighbours at least as bright as the centre, bin 9
     * every non-uniform pattern. Pixels closer than the radius to the border are skipped.
     */
    public static void histogram(int[] grey, int width, int height, double radius, double[] out, int offset) {
        // Each neighbour's bilinear weights are the same at every pixel: precompute them and the four source offsets.
        int[][] idx = new int[P][4];
        double[][] w = new double[P][4];
        for (int p = 0; p < P; p++) {
            double dx = snap(radius * Math.cos(2 * Math.PI * p / P)), dy = snap(-radius * Math.sin(2 * Math.PI * p / P));
            int x0 = (int) Math.floor(dx), y0 = (int) Math.floor(dy);
            double fx = dx - x0, fy = dy - y0;
            // On an exact pixel the "next" pixel gets weight 0; keep it in bounds by pointing at the same one.
            int x1 = fx == 0 ? x0 : x0 + 1, y1 = fy == 0 ? y0 : y0 + 1;
            idx[p] = new int[] {y0 * width + x0, y0 * width + x1, y1 * width + x0, y1 * width + x1};
            w[p] = new double[] {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
        }
        int margin = (int) Math.ceil(radius);
        // One pass per neighbour over the whole image (simple loops the JIT vectorises), then the histogram.
        int from = margin * width + margin, to = (height - margin - 1) * width + (width - margin);
        int[] code = new int[to - from];
        for (int p = 0; p < P; p++) {
            int[] k = idx[p];
            int k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3];
            // Bilinear weights in 16-bit fixed point (summing to exactly 65536), so the loop is branch-free integers.
            int w1 = (int) Math.round(w[p][1] * 65536), w2 = (int) Math.round(w[p][2] * 65536);
            int w3 = (int) Math.round(w[p][3] * 65536), w0 = 65536 - w1 - w2 - w3;
            if (w0 == 65536) {
                // On an exact pixel (the four axis neighbours): one tap.
                for (int i = from; i < to; i++) code[i - from] |= ((grey[i] - grey[i + k0] - 1) >>> 31) << p;
                continue;
            }
            for (int i = from; i < to; i++) {
                int v = w0 * grey[i + k0] + w1 * grey[i + k1] + w2 * grey[i + k2] + w3 * grey[i + k3];
                // Bit p is set when the neighbour is at least the centre: (centre·65536 − v − 1) is then negative.
                code[i - from] |= (((grey[i] << 16) - v - 1) >>> 31) << p;
            }
        }
        int[] counts = new int[BINS];
        int total = 0;
        for (int y = margin; y < height - margin; y++) {
            for (int x = margin; x < width - margin; x++) {
                counts[RIU2[code[y * width + x - from]]]++;
                total++;
            }
        }
        for (int k = 0; k < BINS; k++) out[offset + k] = total == 0 ? 0 : counts[k] / (double) total;
    }

    /** Bin of each 8-bit pattern: the number of set bits when it has at most two 0/1 transitions (circularly), else 9. */
    private static final int[] RIU2 = new int[1 << P];

    static {
        for (int code = 0; code < RIU2.length; code++) {
            int transitions = 0;
            for (int p = 0; p < P; p++) transitions += ((code >> p) & 1) != ((code >> ((p + 1) % P)) & 1) ? 1 : 0;
            RIU2[code] = transitions <= 2 ? Integer.bitCount(code) : P + 1;
        }
    }

    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-6 ? r : v;
    }
}
