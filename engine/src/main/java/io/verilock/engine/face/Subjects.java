package io.verilock.engine.face;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.core.Size;

import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.image.DecodedImage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The project's built-in subject: NASA's public-domain portrait of astronaut Eileen Collins (as shipped by
 * scikit-image), so that tests and benchmarks on a fresh clone have a real face without any external data.
 */
public final class Subjects {
    public static final String ASTRONAUT = "/io/verilock/engine/subjects/astronaut.png";

    private Subjects() {}

    public static byte[] astronautPng() {
        try (InputStream in = Subjects.class.getResourceAsStream(ASTRONAUT)) {
            if (in == null) throw new IllegalStateException("built-in subject missing from the classpath: " + ASTRONAUT);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subject scaled to the frame's height and centred on a grey background, JPEG quality 90: a webcam-like frame. */
    public static byte[] astronautFrameJpeg(int width, int height) throws ImageInputException {
        try (DecodedImage subject = new ImageDecoder().decode(astronautPng())) {
            Mat frame = new Mat(height, width, subject.bgr().type(), new Scalar(128, 128, 128));
            int side = Math.min(width, height);
            Mat scaled = new Mat();
            Imgproc.resize(subject.bgr(), scaled, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
            scaled.copyTo(frame.submat((height - side) / 2, (height - side) / 2 + side, (width - side) / 2, (width - side) / 2 + side));
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".jpg", frame, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
            byte[] bytes = out.toArray();
            for (Mat m : new Mat[] {frame, scaled, out}) m.release();
            return bytes;
        }
    }
}
