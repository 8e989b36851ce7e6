package io.verilock.engine.image;

import org.opencv.core.Mat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A decoded, upright (EXIF orientation applied) 8-bit BGR image. Owns native memory: close it when done.
 */
public final class DecodedImage implements AutoCloseable {
    private final Mat bgr;

    DecodedImage(Mat bgr) {
        this.bgr = bgr;
    }

    public int width() { return bgr.cols(); }
    public int height() { return bgr.rows(); }

    /** The pixels, BGR interleaved (OpenCV's order). Callers must not release it. */
    public Mat bgr() { return bgr; }

    /** A copy as a Java2D image (for drawing annotations and writing PNGs). */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width(), height(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.get(0, 0, ((DataBufferByte) out.getRaster().getDataBuffer()).getData());
        return out;
    }

    @Override
    public void close() {
        bgr.release();
    }
}
