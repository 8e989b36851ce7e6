package io.verilock.engine.face;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/** Capture-quality measures and flags for one face: size, sharpness, exposure, framing; and several faces. */
final class QualityCheck {
    private static final int SHARPNESS_SIZE = 128;
    private final AnalyzerSettings s;

    QualityCheck(AnalyzerSettings settings) {
        this.s = settings;
    }

    Quality measure(Mat bgr, Box box, Landmarks m) {
        List<QualityFlag> flags = new ArrayList<>();
        double widthRatio = box.width() / bgr.cols();
        if (widthRatio < s.minFaceWidthRatio() || box.width() < s.minFaceWidthPixels()) flags.add(QualityFlag.FACE_TOO_SMALL);
        if (widthRatio > s.maxFaceWidthRatio()) flags.add(QualityFlag.FACE_TOO_LARGE);
        double margin = 0.05 * box.width();
        if (box.x() < -margin || box.y() < -margin || box.x() + box.width() > bgr.cols() + margin
                || box.y() + box.height() > bgr.rows() + margin) {
            flags.add(QualityFlag.PARTLY_OUTSIDE);
        }
        double brightness = 0, sharpness = 0;
        Rect r = clip(box, bgr.cols(), bgr.rows());
        if (r.width > 1 && r.height > 1) {
            Mat region = new Mat(bgr, r);
            Mat grey = new Mat();
            Imgproc.cvtColor(region, grey, Imgproc.COLOR_BGR2GRAY);
            brightness = Core.mean(grey).val[0];
            // Fixed size first, so the measure does not depend on how large the face is in the frame.
            Mat small = new Mat();
            Imgproc.resize(grey, small, new Size(SHARPNESS_SIZE, SHARPNESS_SIZE), 0, 0, Imgproc.INTER_AREA);
            Mat lap = new Mat();
            Imgproc.Laplacian(small, lap, CvType.CV_64F);
            MatOfDouble mean = new MatOfDouble(), dev = new MatOfDouble();
            Core.meanStdDev(lap, mean, dev);
            sharpness = dev.get(0, 0)[0] * dev.get(0, 0)[0];
            for (Mat x : new Mat[] {region, grey, small, lap, mean, dev}) x.release();
        }
        if (sharpness < s.minSharpness()) flags.add(QualityFlag.BLURRED);
        if (brightness < s.minBrightness()) flags.add(QualityFlag.TOO_DARK);
        if (brightness > s.maxBrightness()) flags.add(QualityFlag.TOO_BRIGHT);
        return new Quality(flags, brightness, sharpness, widthRatio);
    }

    /** Marks every face when more than one is present: the SDK must ask for one person alone. */
    List<FaceObservation> flagSeveralFaces(List<FaceObservation> faces) {
        if (faces.size() < 2) return faces;
        List<FaceObservation> out = new ArrayList<>();
        for (FaceObservation f : faces) {
            List<QualityFlag> flags = new ArrayList<>(f.quality().flags());
            flags.add(QualityFlag.SEVERAL_FACES);
            Quality q = new Quality(flags, f.quality().brightness(), f.quality().sharpness(), f.quality().faceWidthRatio());
            out.add(new FaceObservation(f.box(), f.confidence(), f.landmarks(), f.pose(), f.eyes(), f.smile(),
                    f.expression(), f.texture(), q));
        }
        return out;
    }

    private static Rect clip(Box b, int w, int h) {
        int x0 = (int) Math.max(0, Math.floor(b.x())), y0 = (int) Math.max(0, Math.floor(b.y()));
        int x1 = (int) Math.min(w, Math.ceil(b.x() + b.width())), y1 = (int) Math.min(h, Math.ceil(b.y() + b.height()));
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
