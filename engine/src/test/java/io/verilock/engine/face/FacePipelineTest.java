package io.verilock.engine.face;

import io.verilock.engine.image.ImageInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The whole chain on the built-in subject (a real photograph shipped with the project), so it runs on a fresh clone. */
class FacePipelineTest {
    private static FacePipeline pipeline;
    private static Mat subject;

    @BeforeAll
    static void open() {
        pipeline = new FacePipeline(AnalyzerSettings.defaults());
        subject = Imgcodecs.imdecode(new MatOfByte(Subjects.astronautPng()), Imgcodecs.IMREAD_COLOR);
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void findsOneFrontalOpenEyedFaceOnTheBuiltInSubject() throws ImageInputException {
        FrameAnalysis a = pipeline.analyzeBytes(Subjects.astronautPng());
        assertThat(a.faces()).hasSize(1);
        FaceObservation f = a.faces().get(0);
        assertThat(f.confidence()).isGreaterThan(0.9);
        assertThat(f.landmarks().size()).isEqualTo(468);
        assertThat(Math.abs(f.pose().yaw())).isLessThan(15);
        assertThat(f.eyes().leftOpen()).isGreaterThan(0.6);
        assertThat(f.eyes().rightOpen()).isGreaterThan(0.6);
        // The face sits in the upper half of the 512 x 512 portrait.
        assertThat(f.box().centerX()).isBetween(150.0, 350.0);
        assertThat(f.box().centerY()).isBetween(60.0, 260.0);
        assertThat(f.quality().flags()).doesNotContain(QualityFlag.SEVERAL_FACES, QualityFlag.FACE_TOO_SMALL);
    }

    @Test
    void rollFollowsAnImageRotation() throws ImageInputException {
        double upright = analyse(subject).faces().get(0).pose().roll();
        // OpenCV's positive angle turns the image counter-clockwise, so the head tilts counter-clockwise: roll falls.
        Mat rotated = new Mat();
        Mat m = Imgproc.getRotationMatrix2D(new Point(256, 200), 25, 1);
        Imgproc.warpAffine(subject, rotated, m, subject.size());
        double tilted = analyse(rotated).faces().get(0).pose().roll();
        assertThat(tilted - upright).isCloseTo(-25, within(5.0));
    }

    @Test
    void mirroringTheImageMirrorsYawAndSwapsTheEyes() throws ImageInputException {
        FaceObservation original = analyse(subject).faces().get(0);
        Mat flipped = new Mat();
        Core.flip(subject, flipped, 1);
        FaceObservation mirrored = analyse(flipped).faces().get(0);
        assertThat(mirrored.pose().yaw()).isCloseTo(-original.pose().yaw(), within(3.0));
        assertThat(mirrored.pose().roll()).isCloseTo(-original.pose().roll(), within(3.0));
        assertThat(mirrored.eyes().leftOpen()).isCloseTo(original.eyes().rightOpen(), within(0.15));
    }

    @Test
    void findsNoFaceOnABlankOrNoisyFrame() throws ImageInputException {
        Mat grey = new Mat(480, 640, CvType.CV_8UC3, new Scalar(120, 120, 120));
        assertThat(analyse(grey).faces()).isEmpty();
        Mat noise = new Mat(480, 640, CvType.CV_8UC3);
        Core.randu(noise, 0, 255);
        assertThat(analyse(noise).faces()).isEmpty();
    }

    /**
     * Two copies of the subject side by side in one 760x360 frame, at 360 and 270 px (faces about 67 and 50 px wide,
     * a ninth and a fifteenth of the long side): too small for the short-range detector, found by the full-range one
     * (which, measured, loses the smaller copy below about 240 px, a face of 11 px in its 192 px input).
     */
    @Test
    void findsTwoSmallFacesSideBySideLargestFirst() throws ImageInputException {
        Mat frame = new Mat(360, 760, CvType.CV_8UC3, new Scalar(128, 128, 128));
        Mat big = new Mat(), small = new Mat();
        Imgproc.resize(subject, big, new Size(360, 360), 0, 0, Imgproc.INTER_AREA);
        Imgproc.resize(subject, small, new Size(270, 270), 0, 0, Imgproc.INTER_AREA);
        big.copyTo(frame.submat(0, 360, 40, 400));
        small.copyTo(frame.submat(45, 315, 450, 720));
        FrameAnalysis a = analyse(frame);
        assertThat(a.faces()).hasSize(2);
        FaceObservation first = a.faces().get(0), second = a.faces().get(1);
        assertThat(first.box().area()).isGreaterThan(second.box().area());
        assertThat(first.box().centerX()).isBetween(40.0, 400.0);
        assertThat(second.box().centerX()).isBetween(450.0, 720.0);
        assertThat(a.faces()).allSatisfy(f -> assertThat(f.quality().flags()).contains(QualityFlag.SEVERAL_FACES));
    }

    @Test
    void aStreamedFrameHasTheSameGeometryButNoTexture() throws ImageInputException {
        byte[] frame = Subjects.astronautFrameJpeg(640, 480);
        FaceObservation full = pipeline.analyzeBytes(frame).faces().get(0);
        FaceObservation streamed = pipeline.analyzeStreamed(frame, null).faces().get(0);
        assertThat(full.texture().measured()).isTrue();
        assertThat(streamed.texture().measured()).isFalse();
        assertThat(streamed.pose()).isEqualTo(full.pose());
        assertThat(streamed.eyes()).isEqualTo(full.eyes());
        assertThat(streamed.smile()).isEqualTo(full.smile());
    }

    @Test
    void aStreamedFramesTextureOnRequestIsTheFullAnalysisTexture() throws ImageInputException {
        byte[] frame = Subjects.astronautFrameJpeg(640, 480);
        FaceObservation full = pipeline.analyzeBytes(frame).faces().get(0);
        try (StreamedFrame streamed = pipeline.stream(frame, null)) {
            FaceObservation face = streamed.analysis().faces().get(0);
            assertThat(face.texture().measured()).isFalse();
            Texture t = streamed.texture(face);
            // MiniFASNet and the classical cues read the same pixels, box and region: the same texture
            assertThat(t.live()).isEqualTo(full.texture().live());
            assertThat(t.cues()).isEqualTo(full.texture().cues());
            assertThat(t.cues()).containsKeys("minifasnet", "minifasnet_v2", "minifasnet_v1se");
        }
    }

    @Test
    void flagsADarkFrame() throws ImageInputException {
        Mat dark = new Mat();
        subject.convertTo(dark, -1, 0.12, 0);
        FrameAnalysis a = analyse(dark);
        assertThat(a.faces()).isNotEmpty();
        assertThat(a.faces().get(0).quality().flags()).contains(QualityFlag.TOO_DARK);
    }

    /**
     * In a video the detectors run every fifth frame while the face is followed from its landmarks in between; the
     * followed face is the detected one (same place to a pixel or two), a moving face is followed, and a face that
     * vanishes sends the next frame through the detectors at once.
     */
    @Test
    void followsAFaceBetweenDetectionsAndDetectsAgainWhenItIsLost() throws ImageInputException {
        byte[] still = png(subject);
        FrameAnalysis first = pipeline.analyzeBytes(still, null);
        assertThat(first.framesSinceDetection()).isZero();
        FrameAnalysis a = first;
        for (int i = 1; i <= 4; i++) {
            a = pipeline.analyzeBytes(still, a);
            assertThat(a.framesSinceDetection()).as("frame %d", i).isEqualTo(i);
            assertThat(a.faces()).hasSize(1);
            assertThat(a.faces().get(0).box().centerX()).isCloseTo(first.faces().get(0).box().centerX(), within(2.0));
            assertThat(a.faces().get(0).box().width()).isCloseTo(first.faces().get(0).box().width(), within(3.0));
        }
        assertThat(pipeline.analyzeBytes(still, a).framesSinceDetection()).as("fifth frame: detectors again").isZero();

        // Moving 20 px a frame to the right: followed, not re-detected.
        FrameAnalysis moving = first;
        for (int i = 1; i <= 3; i++) {
            Mat shift = new Mat(2, 3, CvType.CV_64F);
            shift.put(0, 0, 1, 0, 20 * i, 0, 1, 0);
            Mat shifted = new Mat();
            Imgproc.warpAffine(subject, shifted, shift, subject.size());
            moving = pipeline.analyzeBytes(png(shifted), moving);
            assertThat(moving.framesSinceDetection()).isEqualTo(i);
            assertThat(moving.faces().get(0).box().centerX())
                    .isCloseTo(first.faces().get(0).box().centerX() + 20 * i, within(3.0));
        }

        Mat blank = new Mat(subject.size(), subject.type(), new Scalar(90, 90, 90));
        FrameAnalysis lost = pipeline.analyzeBytes(png(blank), first);
        assertThat(lost.faces()).isEmpty();
        assertThat(lost.framesSinceDetection()).isZero();
    }

    private static byte[] png(Mat bgr) {
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", bgr, png);
        return png.toArray();
    }

    private static FrameAnalysis analyse(Mat bgr) throws ImageInputException {
        return pipeline.analyzeBytes(png(bgr));
    }
}
