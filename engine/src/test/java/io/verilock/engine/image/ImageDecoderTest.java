package io.verilock.engine.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    static byte[] jpeg(int w, int h) {
        new ImageDecoder(); // loads OpenCV
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        org.opencv.core.Core.randu(m, 0, 255);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", m, out);
        return out.toArray();
    }

    @Test
    void decodesAJpeg() throws Exception {
        try (DecodedImage img = decoder.decode(jpeg(64, 48))) {
            assertThat(img.width()).isEqualTo(64);
            assertThat(img.height()).isEqualTo(48);
        }
    }

    @Test
    void refusesAnEmptyFile(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertCode(() -> decoder.read(f), "empty");
    }

    @Test
    void refusesATruncatedJpeg() {
        byte[] whole = jpeg(200, 200);
        assertCode(() -> decoder.decode(Arrays.copyOf(whole, whole.length / 2)), "truncated");
    }

    @Test
    void refusesATruncatedPng() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] whole = png.toByteArray();
        assertCode(() -> decoder.decode(Arrays.copyOf(whole, 60)), "corrupt");
    }

    @Test
    void refusesText() {
        assertCode(() -> decoder.decode("this is not an image at all".getBytes(StandardCharsets.UTF_8)), "not_an_image");
    }

    @Test
    void refusesTooManyBytes() {
        ImageDecoder small = new ImageDecoder(1000, ImageDecoder.MAX_PIXELS);
        assertCode(() -> small.decode(jpeg(200, 200)), "too_large");
    }

    @Test
    void refusesTooManyPixelsFromTheHeaderAlone() throws IOException {
        // A 20000 x 20000 PNG compresses to little but would need 1.2 GB decoded: the header check must refuse it.
        ImageDecoder strict = new ImageDecoder(ImageDecoder.MAX_BYTES, 100 * 100);
        assertCode(() -> strict.decode(jpeg(200, 200)), "too_large");
    }

    @Test
    void refusesADirectoryAndAMissingPath(@TempDir Path dir) {
        assertCode(() -> decoder.read(dir), "is_directory");
        assertCode(() -> decoder.read(dir.resolve("nope.jpg")), "not_found");
    }

    private static void assertCode(ThrowingDecode call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(ImageInputException.class)
                .satisfies(e -> assertThat(((ImageInputException) e).code()).isEqualTo(code))
                .hasMessageNotContaining("Exception");
    }

    private interface ThrowingDecode {
        void run() throws Exception;
    }
}
