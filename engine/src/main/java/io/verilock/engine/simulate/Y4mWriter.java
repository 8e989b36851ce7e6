package io.verilock.engine.simulate;

import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * YUV4MPEG2 with 4:2:0 chroma ({@code C420jpeg}), the format Chromium's fake camera reads
 * ({@code --use-file-for-fake-video-capture=FILE.y4m}).
 */
public final class Y4mWriter implements AutoCloseable {
    private final OutputStream out;
    private final int width, height;
    private final byte[] buffer;

    public Y4mWriter(Path file, int width, int height, double fps) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) throw new IllegalArgumentException("4:2:0 needs even sizes: " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.buffer = new byte[width * height * 3 / 2];
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        long num = Math.round(fps * 1000);
        String header = "YUV4MPEG2 W" + width + " H" + height + " F" + num + ":1000 Ip A1:1 C420jpeg\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    /** Appends one BGR frame of the writer's size. */
    public void write(Mat bgr) throws IOException {
        if (bgr.cols() != width || bgr.rows() != height) throw new IllegalArgumentException("frame size differs from the stream's");
        Mat yuv = new Mat();
        Imgproc.cvtColor(bgr, yuv, Imgproc.COLOR_BGR2YUV_I420); // Y plane, then U, then V: the y4m frame layout
        yuv.get(0, 0, buffer);
        yuv.release();
        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
        out.write(buffer);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
