package io.verilock.engine.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

/**
 * A fingerprint of a frame's decoded pixels, for finding repeated frames: a frozen or looped camera feed, or the same
 * frames sent to two sessions. Comparing encoded bytes is useless for that (re-encoding a frame changes every byte),
 * and comparing landmarks is too (the face mesh jitters on identical pixels), so the fingerprint is a small grey
 * thumbnail (area-averaged, which removes per-pixel sensor and re-encoding noise) and the distance between two is the
 * mean absolute grey-level difference after removing the mean difference (an exposure flicker added to a repeated
 * frame shifts every pixel alike). A live camera's consecutive frames differ by far more than a re-encoded repeat:
 * measured in {@code FrameRepeatStudy} (docs/MOTION.md).
 *
 * <p>Immutable; {@link #distance} is symmetric. Cost: one grey conversion and an area resize, well under a
 * millisecond on a 640x480 frame.
 */
public final class PixelFingerprint {
    /** Thumbnail width and height, pixels. 32x24 keeps the 4:3 shape of a camera frame. */
    public static final int WIDTH = 32, HEIGHT = 24;

    private final byte[] grey;

    private PixelFingerprint(byte[] grey) {
        this.grey = grey;
    }

    /** The fingerprint of a BGR (or grey) 8-bit image. */
    public static PixelFingerprint of(Mat image) {
        Mat g = new Mat(), small = new Mat();
        try {
            if (image.channels() == 1) image.copyTo(g);
            else Imgproc.cvtColor(image, g, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(g, small, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
            byte[] px = new byte[WIDTH * HEIGHT];
            small.get(0, 0, px);
            return new PixelFingerprint(px);
        } finally {
            g.release();
            small.release();
        }
    }

    /** Rebuilds a fingerprint from {@link #bytes()} (e.g. read back from storage). */
    public static PixelFingerprint fromBytes(byte[] bytes) {
        if (bytes.length != WIDTH * HEIGHT)
            throw new IllegalArgumentException("a fingerprint has " + WIDTH * HEIGHT + " bytes, got " + bytes.length);
        return new PixelFingerprint(bytes.clone());
    }

    /** The thumbnail's grey levels, row by row (a copy). */
    public byte[] bytes() { return grey.clone(); }

    /**
     * Mean absolute grey-level difference (0-255) between the two thumbnails after removing their mean difference:
     * 0 for identical pixels, a fraction of a level for a re-encoded or noised repeat.
     */
    public double distance(PixelFingerprint other) {
        int n = grey.length;
        double meanDiff = 0;
        for (int i = 0; i < n; i++) meanDiff += (grey[i] & 0xff) - (other.grey[i] & 0xff);
        meanDiff /= n;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.abs((grey[i] & 0xff) - (other.grey[i] & 0xff) - meanDiff);
        return sum / n;
    }

    @Override
    public boolean equals(Object o) { return o instanceof PixelFingerprint f && Arrays.equals(grey, f.grey); }

    @Override
    public int hashCode() { return Arrays.hashCode(grey); }
}
