package io.verilock.engine.face;

import io.verilock.engine.model.OnnxModel;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace short-range detection on a 128×128 letterboxed copy of the frame (padding keeps faces undistorted on
 * 4:3 and 16:9 frames), decoded against the model's 896 fixed anchors, then greedy non-maximum suppression.
 */
final class FaceDetector {
    static final int INPUT = 128;
    private static final int ANCHORS = 896;
    private static final int VALUES = 17; // score logit, box cx cy w h, 6 keypoints × (x, y)

    private final OnnxModel model;
    private final float inputScale, inputOffset;
    private final double minScore, maxOverlap;
    private final float[] anchors = anchors();
    private final float[] input = new float[INPUT * INPUT * 3];

    /**
     * @param inputScale  and {@code inputOffset}: pixel value mapping the model was trained with
     * @param minScore    detections below this confidence are dropped
     * @param maxOverlap  IoU above which the weaker of two boxes is suppressed
     */
    FaceDetector(OnnxModel model, float inputScale, float inputOffset, double minScore, double maxOverlap) {
        this.model = model;
        this.inputScale = inputScale;
        this.inputOffset = inputOffset;
        this.minScore = minScore;
        this.maxOverlap = maxOverlap;
    }

    List<Detection> detect(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        double side = Math.max(w, h);
        Crop letterbox = new Crop(w / 2.0, h / 2.0, side, 0, INPUT);
        Mat small = letterbox.warp(bgr);
        Tensors.rgb(small, inputScale, inputOffset, input, 0, false);
        small.release();
        float[] raw = rows(model.run(input, 1));

        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            int o = i * VALUES;
            double score = 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, raw[o]))));
            if (score < minScore) continue;
            double ax = anchors[2 * i], ay = anchors[2 * i + 1];
            double cx = ax + raw[o + 1], cy = ay + raw[o + 2], bw = raw[o + 3], bh = raw[o + 4];
            double[] kp = new double[12];
            for (int k = 0; k < 6; k++) {
                kp[2 * k] = letterbox.imageX(ax + raw[o + 5 + 2 * k], ay + raw[o + 6 + 2 * k]);
                kp[2 * k + 1] = letterbox.imageY(ax + raw[o + 5 + 2 * k], ay + raw[o + 6 + 2 * k]);
            }
            double x0 = letterbox.imageX(cx - bw / 2, cy - bh / 2), y0 = letterbox.imageY(cx - bw / 2, cy - bh / 2);
            double s = letterbox.pixelScale();
            candidates.add(new Detection(new Box(x0, y0, bw * s, bh * s), score, kp));
        }
        return suppress(candidates);
    }

    /**
     * The converted models keep TF.js's outputs: one [896, 17] tensor (facemesh-detection-short) or four tensors,
     * scores and regressors for the 512 stride-8 and 384 stride-16 anchors (blazeface-front). Both become 896 rows.
     */
    private static float[] rows(float[][] outputs) {
        if (outputs.length == 1) return outputs[0];
        float[] cls512 = null, cls384 = null, reg512 = null, reg384 = null;
        for (float[] t : outputs) {
            switch (t.length) {
                case 512 -> cls512 = t;
                case 384 -> cls384 = t;
                case 512 * 16 -> reg512 = t;
                case 384 * 16 -> reg384 = t;
                default -> throw new IllegalStateException("unexpected detector output of length " + t.length);
            }
        }
        float[] rows = new float[ANCHORS * VALUES];
        for (int i = 0; i < ANCHORS; i++) {
            boolean first = i < 512;
            int j = first ? i : i - 512;
            rows[i * VALUES] = (first ? cls512 : cls384)[j];
            System.arraycopy(first ? reg512 : reg384, j * 16, rows, i * VALUES + 1, 16);
        }
        return rows;
    }

    private List<Detection> suppress(List<Detection> candidates) {
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : candidates) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (iou(d.box(), k.box()) > maxOverlap) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) kept.add(d);
        }
        return kept;
    }

    static double iou(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.area() + b.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** MediaPipe's short-range anchors: 16×16 cells × 2 at stride 8, then 8×8 cells × 6 at stride 16, centred. */
    private static float[] anchors() {
        float[] a = new float[ANCHORS * 2];
        int n = 0;
        int[][] layers = {{8, 2}, {16, 6}};
        for (int[] layer : layers) {
            int stride = layer[0], cells = INPUT / stride;
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int k = 0; k < layer[1]; k++) {
                        a[n++] = stride * (x + 0.5f);
                        a[n++] = stride * (y + 0.5f);
                    }
                }
            }
        }
        return a;
    }
}
