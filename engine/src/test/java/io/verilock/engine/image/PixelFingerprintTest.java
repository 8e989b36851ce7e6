package io.verilock.engine.image;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixelFingerprintTest {
    private final ImageDecoder decoder = new ImageDecoder();

    /** A smooth picture with structure (a bright disc on a gradient), as a photo has. */
    private static Mat scene(int cx, int cy) {
        Mat m = new Mat(360, 480, CvType.CV_8UC3);
        for (int y = 0; y < m.rows(); y++) {
            byte[] row = new byte[m.cols() * 3];
            for (int x = 0; x < m.cols(); x++) Arrays.fill(row, x * 3, x * 3 + 3, (byte) (40 + x / 4 + y / 6));
            m.put(y, 0, row);
        }
        Imgproc.circle(m, new Point(cx, cy), 70, new Scalar(210, 190, 180), -1);
        Imgproc.GaussianBlur(m, m, new org.opencv.core.Size(0, 0), 2);
        return m;
    }

    private static byte[] encode(Mat m, String ext, int quality) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, m, out, ext.equals(".jpg") ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality) : new MatOfInt());
        return out.toArray();
    }

    private PixelFingerprint of(byte[] file) throws ImageInputException {
        try (DecodedImage img = decoder.decode(file)) {
            return PixelFingerprint.of(img);
        }
    }

    @Test
    void theSamePictureInAnotherFileIsTheSamePicture() throws Exception {
        Mat scene = scene(200, 180);
        byte[] jpeg = encode(scene, ".jpg", 92);
        PixelFingerprint original = of(jpeg);
        byte[] appended = Arrays.copyOf(jpeg, jpeg.length + 1);
        byte[] withExif = HostileImages.withExifOrientation(jpeg, 1);
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        Mat onePixel = decoded.clone();
        onePixel.put(100, 100, new byte[] {0, (byte) 255, 0});
        Mat brighter = new Mat();
        Core.add(decoded, new Scalar(6, 6, 6), brighter);
        for (byte[] variant : new byte[][] {appended, withExif, encode(decoded, ".png", 0), encode(decoded, ".jpg", 85),
                encode(onePixel, ".png", 0), encode(brighter, ".jpg", 92)}) {
            PixelFingerprint fp = of(variant);
            assertThat(fp.distance(original)).isLessThanOrEqualTo(PixelFingerprint.SAME_PICTURE_DISTANCE);
            assertThat(fp.samePicture(original)).isTrue();
            assertThat(Long.bitCount(fp.key() ^ original.key())).isLessThanOrEqualTo(PixelFingerprint.KEY_BAND_TOLERANCE);
        }
    }

    @Test
    void anotherPictureOfTheSameSceneIsNot() throws Exception {
        PixelFingerprint a = of(encode(scene(200, 180), ".jpg", 92));
        PixelFingerprint moved = of(encode(scene(212, 180), ".jpg", 92));
        assertThat(a.distance(moved)).isGreaterThan(PixelFingerprint.SAME_PICTURE_DISTANCE);
        assertThat(a.samePicture(moved)).isFalse();
    }

    @Test
    void aFlatPictureIsFeatureless() throws Exception {
        Mat dark = new Mat(240, 320, CvType.CV_8UC3, new Scalar(12, 12, 12));
        Core.randn(dark, 12, 2);
        assertThat(of(encode(dark, ".jpg", 90)).featureless()).isTrue();
        assertThat(of(encode(scene(200, 180), ".jpg", 90)).featureless()).isFalse();
    }

    @Test
    void nearKeysShareABand() {
        long key = 0x0123_4567_89ab_cdefL;
        long flipped = key ^ 0x0101_0101_0101_0100L; // 7 bits in 7 bands
        int[] a = PixelFingerprint.bands(key), b = PixelFingerprint.bands(flipped);
        assertThat(a).hasSize(8);
        assertThat(a[0]).isEqualTo(b[0]).isEqualTo(0xef);
    }

    @Test
    void roundTripsThroughBytes() throws Exception {
        PixelFingerprint fp = of(encode(scene(150, 150), ".png", 0));
        byte[] stored = fp.toBytes();
        assertThat(stored).hasSize(PixelFingerprint.SIDE * PixelFingerprint.SIDE);
        assertThat(PixelFingerprint.fromBytes(stored)).isEqualTo(fp);
        assertThatThrownBy(() -> PixelFingerprint.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
