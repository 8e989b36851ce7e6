package io.verilock.engine.texture;

import nu.pattern.OpenCV;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;

class FrameCueTest {
    private static final Scalar DARK = new Scalar(25, 25, 28);
    private static final FaceRegion FACE = BezelCueTest.FACE; // 124 px at the centre of a 640x480 frame

    @BeforeAll
    static void load() {
        OpenCV.loadLocally();
    }

    private static FrameCue.Result measure(Mat bgr) {
        try {
            return FrameCue.measure(bgr, FACE);
        } finally {
            bgr.release();
        }
    }

    @Test
    void aScreenHeldAtArmsLengthFramesTheFaceOnFourSides() {
        Mat bgr = BezelCueTest.frame();
        // a tablet 2.9x the face wide and 2.8x high, slightly rotated, its edges beyond BezelCue's reach
        Point[] corners = {new Point(140, 70), new Point(500, 64), new Point(503, 412), new Point(143, 418)};
        for (int i = 0; i < 4; i++) Imgproc.line(bgr, corners[i], corners[(i + 1) % 4], DARK, 6);
        FrameCue.Result r = measure(bgr);
        assertThat(r.sides()).isEqualTo(4);
        assertThat(r.framed()).isTrue();
    }

    @Test
    void aLowerEdgeBrokenByAHandStillCounts() {
        Mat bgr = BezelCueTest.frame();
        Imgproc.line(bgr, new Point(140, 70), new Point(140, 418), DARK, 6);
        Imgproc.line(bgr, new Point(500, 70), new Point(500, 418), DARK, 6);
        Imgproc.line(bgr, new Point(140, 418), new Point(330, 418), DARK, 6); // a thumb covers 330..350
        Imgproc.line(bgr, new Point(350, 418), new Point(500, 418), DARK, 6);
        FrameCue.Result r = measure(bgr);
        assertThat(r.corner()).isTrue();
        assertThat(r.mask()).isEqualTo(1 << BezelCue.Side.LEFT.ordinal() | 1 << BezelCue.Side.RIGHT.ordinal()
                | 1 << BezelCue.Side.BELOW.ordinal());
        assertThat(r.framed()).isTrue();
    }

    @Test
    void aDoorwayAroundTheHeadIsNotAFrame() {
        Mat bgr = BezelCueTest.frame();
        // jambs left and right and the lintel above: a person standing in a doorway (their body hides the rest)
        Imgproc.line(bgr, new Point(170, 479), new Point(170, 60), DARK, 6);
        Imgproc.line(bgr, new Point(470, 479), new Point(470, 60), DARK, 6);
        Imgproc.line(bgr, new Point(170, 60), new Point(470, 60), DARK, 6);
        FrameCue.Result r = measure(bgr);
        assertThat(r.sides()).isEqualTo(3);
        assertThat(r.framed()).as("three sides without the lower edge").isFalse();
    }

    @Test
    void anEdgeBelowThatDoesNotRunUnderTheWholeFaceDoesNotCount() {
        Mat bgr = BezelCueTest.frame();
        Imgproc.line(bgr, new Point(170, 479), new Point(170, 60), DARK, 6);
        Imgproc.line(bgr, new Point(470, 479), new Point(470, 60), DARK, 6);
        Imgproc.line(bgr, new Point(170, 400), new Point(330, 400), DARK, 6); // a table edge ending under the face
        FrameCue.Result r = measure(bgr);
        assertThat(r.mask() & 1 << BezelCue.Side.BELOW.ordinal()).isZero();
        assertThat(r.framed()).isFalse();
    }

    @Test
    void aPlainBackgroundHasNoFrame() {
        FrameCue.Result r = measure(BezelCueTest.frame());
        assertThat(r.sides()).isZero();
        assertThat(r.framed()).isFalse();
    }

    @Test
    void theFrameMakesTheTextureVerdictConfident() {
        Mat bgr = BezelCueTest.frame();
        Point[] corners = {new Point(140, 70), new Point(500, 64), new Point(503, 412), new Point(143, 418)};
        for (int i = 0; i < 4; i++) Imgproc.line(bgr, corners[i], corners[(i + 1) % 4], DARK, 6);
        TextureCues.Result r = new TextureCues().measure(bgr, FACE);
        bgr.release();
        assertThat(r.frame().framed()).isTrue();
        assertThat(r.spoofConfident()).isTrue();
        assertThat(r.live()).isZero();
        assertThat(r.cues()).containsEntry("frame", 1.0).containsEntry("frame_sides", 4.0);
    }
}
