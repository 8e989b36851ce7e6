package io.verilock.engine.image;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * What a picture looks like, independent of how its file is encoded: the decoded image in grey, area-averaged to
 * {@value #SIDE} × {@value #SIDE} cells, normalised to zero mean and unit contrast and quantised to a byte per cell
 * (128 + 32 σ). A JPEG comment, EXIF segment, appended byte, re-encode, PNG copy, brightness or contrast change, or a
 * few changed pixels move it by a fraction of a level; another photo of the same person moves it by several
 * ({@link #distance}; {@code PixelFingerprintStudy} measures both on ../shared/data, figures in docs/REPLAY.md).
 * {@link #key} is a 64-bit coarse hash of it for indexed look-up: two keys within {@link #KEY_BAND_TOLERANCE} bits
 * share at least one of its eight 8-bit {@link #bands}.
 * Cross-session replay detection (service) and repeated frames within a capture both compare these.
 */
public final class PixelFingerprint {
    /** Cells per side: 32 × 32 = 1,024 bytes. */
    public static final int SIDE = 32;
    /** Bits of {@link #key} two near-identical pictures may differ by and still share an 8-bit band (pigeonhole). */
    public static final int KEY_BAND_TOLERANCE = 7;
    /**
     * At or below this {@link #distance} two pictures are the same picture: measured on ../shared/data, replay
     * variants reach 0.13 (re-encode at quality 90; PNG copy, one pixel, metadata 0.00-0.06) and genuine frames of
     * one still person two or more seconds apart in one clip come no closer than 0.41. Re-encodes at quality 70 or
     * less of 320-400 px frames (up to 0.60) and brightness changes that clip (up to 0.68) are not caught.
     */
    public static final double SAME_PICTURE_DISTANCE = 0.35;
    private static final int BYTES = SIDE * SIDE;

    /**
     * Below this contrast (standard deviation of the cells, in grey levels) a picture is featureless — a covered or
     * dark camera, a flat wall — and every such picture looks alike: not worth comparing (nor worth replaying).
     */
    public static final double MIN_CONTRAST = 3.0;

    private final byte[] cells;
    private final double contrast;

    private PixelFingerprint(byte[] cells, double contrast) {
        this.cells = cells;
        this.contrast = contrast;
    }

    public static PixelFingerprint of(DecodedImage image) {
        return of(image.bgr());
    }

    /** From a BGR (or grey) 8-bit image. */
    public static PixelFingerprint of(Mat bgrOrGrey) {
        Mat grey = new Mat();
        Mat small = new Mat();
        try {
            if (bgrOrGrey.channels() == 3) Imgproc.cvtColor(bgrOrGrey, grey, Imgproc.COLOR_BGR2GRAY);
            else bgrOrGrey.copyTo(grey);
            Imgproc.resize(grey, small, new Size(SIDE, SIDE), 0, 0, Imgproc.INTER_AREA);
            small.convertTo(small, CvType.CV_64F);
            MatOfDouble mean = new MatOfDouble();
            MatOfDouble std = new MatOfDouble();
            Core.meanStdDev(small, mean, std);
            double m = mean.toArray()[0];
            double sd = std.toArray()[0];
            double s = Math.max(sd, 1.0); // a flat picture stays flat rather than amplifying noise
            double[] v = new double[BYTES];
            small.get(0, 0, v);
            byte[] out = new byte[BYTES];
            for (int i = 0; i < BYTES; i++) {
                out[i] = (byte) Math.max(0, Math.min(255, Math.round(128 + 32 * (v[i] - m) / s)));
            }
            return new PixelFingerprint(out, sd);
        } finally {
            grey.release();
            small.release();
        }
    }

    /** As stored by {@link #toBytes()}. */
    public static PixelFingerprint fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a fingerprint is " + BYTES + " bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        return new PixelFingerprint(bytes.clone(), Double.NaN);
    }

    /** The picture's contrast before normalisation (grey levels), or NaN for a stored fingerprint. */
    public double contrast() {
        return contrast;
    }

    /** Whether the picture has too little structure to identify (see {@link #MIN_CONTRAST}). */
    public boolean featureless() {
        return contrast < MIN_CONTRAST;
    }

    public byte[] toBytes() {
        return cells.clone();
    }

    /** Mean absolute difference per cell, in quantised levels (32 levels = one standard deviation of the picture). */
    public double distance(PixelFingerprint other) {
        long sum = 0;
        for (int i = 0; i < BYTES; i++) sum += Math.abs((cells[i] & 0xff) - (other.cells[i] & 0xff));
        return sum / (double) BYTES;
    }

    /**
     * 64 bits: whether each 4 × 4 block of cells (an 8 × 8 grid) is brighter than the picture's mean.
     * Lossless copies give the same key; a re-encode flipped 5 bits at most on ../shared/data, so look-ups go by band.
     */
    public long key() {
        int blocks = 8, per = SIDE / blocks;
        int[] sums = new int[blocks * blocks];
        long total = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                sums[(y / per) * blocks + x / per] += cells[y * SIDE + x] & 0xff;
                total += cells[y * SIDE + x] & 0xff;
            }
        }
        // Against the mean rather than the median: a flat background covering half the picture sits at the median.
        long key = 0;
        for (int i = 0; i < sums.length; i++) if ((long) sums[i] * sums.length > total) key |= 1L << i;
        return key;
    }

    /** The eight 8-bit bands of {@link #key}, low first, each 0..255. */
    public static int[] bands(long key) {
        int[] out = new int[8];
        for (int i = 0; i < 8; i++) out[i] = (int) (key >>> (8 * i) & 0xff);
        return out;
    }

    public boolean samePicture(PixelFingerprint other) {
        return distance(other) <= SAME_PICTURE_DISTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelFingerprint p && Arrays.equals(cells, p.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }
}
