package io.verilock.engine.texture;

import nu.pattern.OpenCV;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class BezelCueTest {
    @BeforeAll
    static void load() {
        OpenCV.loadLocally();
    }

    /** A 640×480 frame: smooth noisy background, a skin-coloured face ellipse of 120 px at the centre. */
    static Mat frame() {
        Mat bgr = new Mat(480, 640, CvType.CV_8UC3, new Scalar(120, 130, 140));
        Mat noise = new Mat(480, 640, CvType.CV_8UC3);
        Core.randn(noise, 0, 6);
        Core.add(bgr, noise, bgr);
        noise.release();
        Imgproc.GaussianBlur(bgr, bgr, new Size(5, 5), 0);
        Imgproc.ellipse(bgr, new Point(320, 240), new Size(50, 62), 0, 0, 360, new Scalar(110, 150, 210), -1);
        return bgr;
    }

    static final FaceRegion FACE = new FaceRegion(320, 240, 124, 0);

    @Test
    void aRectangleAroundTheFaceIsABezel() {
        Mat bgr = frame();
        // A phone held around the face: dark frame 1.6× the face wide, 2.2× high.
        Imgproc.rectangle(bgr, new Point(320 - 100, 240 - 136), new Point(320 + 100, 240 + 136), new Scalar(20, 20, 20), 4);
        BezelCue.Result r = BezelCue.measure(bgr, FACE);
        bgr.release();
        assertThat(r.sides()).isGreaterThanOrEqualTo(3);
        assertThat(r.flagged()).isTrue();
        assertThat(r.opposite()).isTrue();
        assertThat(r.visible()).isEqualTo(1.0);
    }

    @Test
    void aPlainBackgroundIsNot() {
        Mat bgr = frame();
        BezelCue.Result r = BezelCue.measure(bgr, FACE);
        bgr.release();
        assertThat(r.sides()).isZero();
        assertThat(r.flagged()).isFalse();
    }

    @Test
    void oneStraightEdgeOnOneSideIsNotEnough() {
        Mat bgr = frame();
        // A door frame to the left of the face.
        Imgproc.line(bgr, new Point(200, 0), new Point(200, 479), new Scalar(30, 30, 30), 4);
        BezelCue.Result r = BezelCue.measure(bgr, FACE);
        bgr.release();
        assertThat(r.sides()).isEqualTo(1);
        assertThat(r.flagged()).isFalse();
    }

    @Test
    void linesCrossingTheFaceDoNotCount() {
        Mat bgr = frame();
        Imgproc.line(bgr, new Point(320, 100), new Point(320, 380), new Scalar(30, 30, 30), 4);
        Imgproc.line(bgr, new Point(180, 240), new Point(460, 240), new Scalar(30, 30, 30), 4);
        BezelCue.Result r = BezelCue.measure(bgr, FACE);
        bgr.release();
        assertThat(r.sides()).isZero();
    }

    @Test
    void allNewCuesTakeAFewMillisecondsOnA640x480Frame() {
        Mat bgr = frame();
        Imgproc.rectangle(bgr, new Point(220, 104), new Point(420, 376), new Scalar(20, 20, 20), 4);
        TextureCues cues = new TextureCues();
        TextureCues.Result r = null;
        for (int i = 0; i < 50; i++) r = cues.measure(bgr, FACE);
        int n = 200;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) r = cues.measure(bgr, FACE);
        double ms = (System.nanoTime() - t) / 1e6 / n, cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
        bgr.release();
        System.out.printf(Locale.ROOT, "texture cues (LBP + bezel + frame + recapture stats) on 640x480 with a 124-px face: "
                + "%.2f ms CPU, %.2f ms wall per frame%n", cpuMs, ms);
        assertThat(r.cues()).containsKeys("lbp_spoof", "bezel_sides", "bezel", "recapture_sharpness", "recapture_range",
                "recapture_saturation", "spoof_confident", "frame_sides", "frame");
        assertThat(r.bezel().flagged()).isTrue();
        assertThat(r.live()).isBetween(0.0, 0.5);
        // Target 2 ms; the bound is loose because CI machines are shared.
        assertThat(cpuMs).isLessThan(10);
    }
}
