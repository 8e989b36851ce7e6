package io.verilock.engine.face;

import io.verilock.engine.model.OnnxModel;
import org.opencv.core.Mat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace detection on a square letterboxed copy of the frame (padding keeps faces undistorted on 4:3 and 16:9
 * frames), decoded against the model's fixed anchors, then greedy non-maximum suppression. Two {@link Layout}s:
 * MediaPipe's short-range model (128 px; faces under about a fifth of the frame's long side are missed) and its
 * full-range model (192 px; on the built-in subject it finds faces down to about 12 input pixels, 6% of the long
 * side). Both give per anchor the same 17 values, anchor-relative in input pixels.
 */
final class FaceDetector {
    private static final int VALUES = 17; // score logit, box cx cy w h, 6 keypoints × (x, y)

    /**
     * An input size and its anchor layers, as MediaPipe's SsdAnchorsCalculator options give them (anchor offset
     * 0.5, fixed anchor size, so an anchor is only its centre).
     *
     * @param input  model input side in pixels
     * @param layers per layer {stride, anchors per cell}, in the model's output order
     */
    record Layout(int input, int[][] layers) {
        /** face_detection_short_range: strides 8, 16, 16, 16 (the three 16s merged: 6 anchors per cell). */
        static final Layout SHORT_RANGE = new Layout(128, new int[][] {{8, 2}, {16, 6}});
        /** face_detection_full_range: num_layers 1, stride 4, interpolated_scale_aspect_ratio 0 (1 per cell). */
        static final Layout FULL_RANGE = new Layout(192, new int[][] {{4, 1}});

        int anchorCount() {
            int n = 0;
            for (int[] l : layers) n += (input / l[0]) * (input / l[0]) * l[1];
            return n;
        }

        /** Anchor centres (x, y) in input pixels, cells row by row, a cell's anchors together. */
        float[] anchors() {
            float[] a = new float[anchorCount() * 2];
            int n = 0;
            for (int[] layer : layers) {
                int stride = layer[0], cells = input / stride;
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

    private final OnnxModel model;
    private final Layout layout;
    private final float inputScale, inputOffset;
    private final double minScore, maxOverlap;
    private final float[] anchors;
    private final float[] input;

    /**
     * @param layout      the model's input size and anchors
     * @param inputScale  and {@code inputOffset}: pixel value mapping the model was trained with
     * @param minScore    detections below this confidence are dropped
     * @param maxOverlap  IoU above which the weaker of two boxes is suppressed
     */
    FaceDetector(OnnxModel model, Layout layout, float inputScale, float inputOffset, double minScore,
            double maxOverlap) {
        this.model = model;
        this.layout = layout;
        this.inputScale = inputScale;
        this.inputOffset = inputOffset;
        this.minScore = minScore;
        this.maxOverlap = maxOverlap;
        this.anchors = layout.anchors();
        this.input = new float[layout.input() * layout.input() * 3];
    }

    List<Detection> detect(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        double side = Math.max(w, h);
        Crop letterbox = new Crop(w / 2.0, h / 2.0, side, 0, layout.input());
        Mat small = letterbox.warp(bgr);
        Tensors.rgb(small, inputScale, inputOffset, input, 0, false);
        small.release();
        float[] raw = rows(model.run(input, 1));
        int count = layout.anchorCount();
        if (raw.length != count * VALUES) {
            throw new IllegalStateException("detector output of " + raw.length + " values for " + count + " anchors");
        }

        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
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
     * The converted models keep TF.js's outputs: one [anchors, 17] tensor (facemesh-detection-short and -full) or
     * four tensors, scores and regressors for the 512 stride-8 and 384 stride-16 anchors (blazeface-front), which
     * become 896 rows.
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
        float[] rows = new float[896 * VALUES];
        for (int i = 0; i < 896; i++) {
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
                if (d.box().iou(k.box()) > maxOverlap) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) kept.add(d);
        }
        return kept;
    }

}
