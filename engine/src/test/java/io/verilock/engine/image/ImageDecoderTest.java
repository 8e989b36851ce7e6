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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /**
     * The system decoder must give OpenCV's pixels exactly, colour and grey, 4:2:0 and 4:4:4. Skipped where
     * libturbojpeg is absent, unless VERILOCK_REQUIRE_TURBOJPEG is set (CI installs it, so there it must run).
     */
    @Test
    void systemDecoderGivesOpenCvsPixels() throws ImageInputException {
        boolean required = System.getenv("VERILOCK_REQUIRE_TURBOJPEG") != null;
        assertThat(TurboJpeg.available() || !required).as("libturbojpeg required but not loadable").isTrue();
        assumeTrue(TurboJpeg.available(), "libturbojpeg (Debian: libturbojpeg0) not installed: system decoder not tested");
        Mat photo = new Mat(480, 640, CvType.CV_8UC3);
        org.opencv.core.Core.randn(photo, 128, 40);
        org.opencv.imgproc.Imgproc.GaussianBlur(photo, photo, new org.opencv.core.Size(0, 0), 3);
        Mat grey = new Mat();
        org.opencv.imgproc.Imgproc.cvtColor(photo, grey, org.opencv.imgproc.Imgproc.COLOR_BGR2GRAY);
        for (Mat image : new Mat[] {photo, grey}) {
            for (int sampling : new int[] {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444}) {
                MatOfByte encoded = new MatOfByte();
                Imgcodecs.imencode(".jpg", image, encoded, new org.opencv.core.MatOfInt(
                        Imgcodecs.IMWRITE_JPEG_QUALITY, 85, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, sampling));
                Mat expected = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
                Mat actual = TurboJpeg.decode(encoded.toArray()).orElseThrow();
                assertThat(actual.size()).isEqualTo(expected.size());
                assertThat(org.opencv.core.Core.norm(actual, expected, org.opencv.core.Core.NORM_INF))
                        .as("channels %d, sampling %x", image.channels(), sampling).isZero();
            }
        }
    }

    @Test
    void decodesEachSupportedFormatAtItsHeaderSize() throws Exception {
        Mat m = new Mat(37, 53, CvType.CV_8UC3, new Scalar(10, 120, 230));
        for (String ext : new String[] {".png", ".bmp", ".tiff", ".webp", ".jpg"}) {
            MatOfByte encoded = new MatOfByte();
            Imgcodecs.imencode(ext, m, encoded);
            try (DecodedImage img = decoder.decode(encoded.toArray())) {
                assertThat(img.width()).as(ext).isEqualTo(53);
                assertThat(img.height()).as(ext).isEqualTo(37);
            }
        }
    }

    @Test
    void refusesAGifByName() throws IOException {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB), "gif", gif);
        assertCode(() -> decoder.decode(gif.toByteArray()), "not_an_image");
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

    /** A cut file with an end-of-image marker appended ends with FF D9 like a whole one: libjpeg still says it is cut. */
    @Test
    void refusesATruncatedJpegWithAnEndMarkerAppended() {
        byte[] whole = jpeg(200, 200);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        assertCode(() -> decoder.decode(cut), "truncated");
        // As on a machine without libturbojpeg:
        assertCode(() -> ImageDecoder.requireCompleteJpeg(cut), "truncated");
    }

    /** A phone's motion photo: a complete JPEG followed by a video of hundreds of kilobytes. */
    @Test
    void acceptsACompleteJpegWithALargeTrailer() throws Exception {
        byte[] whole = jpeg(120, 90);
        byte[] photo = Arrays.copyOf(whole, whole.length + 300_000);
        new java.util.Random(7).ints(300_000, 0, 256).forEach(new java.util.function.IntConsumer() {
            int i = whole.length;
            public void accept(int v) { photo[i++] = (byte) v; }
        });
        try (DecodedImage img = decoder.decode(photo)) {
            assertThat(img.width()).isEqualTo(120);
        }
        ImageDecoder.requireCompleteJpeg(photo); // as without libturbojpeg: no exception
    }

    /** The system decoder applies EXIF orientation exactly as OpenCV does, for every orientation. */
    @Test
    void appliesExifOrientationAsOpenCvDoes() throws Exception {
        byte[] plain = jpeg(64, 40);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] rotated = HostileImages.withExifOrientation(plain, orientation);
            Mat expected = Imgcodecs.imdecode(new MatOfByte(rotated), Imgcodecs.IMREAD_COLOR);
            try (DecodedImage img = decoder.decode(rotated)) {
                assertThat(img.bgr().size()).as("orientation %d", orientation).isEqualTo(expected.size());
                assertThat(org.opencv.core.Core.norm(img.bgr(), expected, org.opencv.core.Core.NORM_INF))
                        .as("orientation %d", orientation).isZero();
            }
        }
    }

    /**
     * A zTXt chunk inflating to 64 MB (the probe's is 2 GB from 2 MB): refused from the bounded inflation, which
     * stops at the 1 MiB metadata budget, not after inflating it all.
     */
    @Test
    void refusesAPngMetadataBomb() throws Exception {
        byte[] bomb = HostileImages.pngWithZtxt(64, 64, HostileImages.deflatedZeros(64L << 20));
        assertCode(() -> decoder.decode(bomb), "metadata_too_large");
        byte[] small = HostileImages.pngWithZtxt(64, 64, HostileImages.deflatedZeros(10_000));
        try (DecodedImage img = decoder.decode(small)) {
            assertThat(img.width()).isEqualTo(64);
        }
    }

    /** OpenCV's resampling asserts sides under 32,767: such an image is refused from its header (a few bytes). */
    @Test
    void refusesALongSideFromTheHeader() throws Exception {
        assertCode(() -> decoder.decode(HostileImages.png(32_767, 1)), "too_large");
        assertCode(() -> decoder.decode(HostileImages.png(1, ImageDecoder.MAX_SIDE + 1)), "too_large");
        try (DecodedImage img = decoder.decode(HostileImages.png(ImageDecoder.MAX_SIDE, 2))) {
            assertThat(img.width()).isEqualTo(ImageDecoder.MAX_SIDE);
        }
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
