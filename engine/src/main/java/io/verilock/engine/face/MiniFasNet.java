package io.verilock.engine.face;

import io.verilock.engine.model.MiniFasNetModel;
import io.verilock.engine.model.ModelStore;
import io.verilock.engine.model.OnnxModel;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Minivision's MiniFASNet presentation-attack detection (docs/TEXTURE.md): two 80x80 networks, each on a context
 * crop of the face box enlarged about its centre (2.7x for V2, 4.0x for V1SE), fused by averaging their softmax
 * "real" probabilities, as Silent-Face-Anti-Spoofing's test.py does. Pre-processing is exactly the trained one:
 * the crop rule of its {@code CropImage} (scale reduced where the image is too small, crop shifted back inside at
 * the borders, integer corners), OpenCV bilinear resize, BGR, raw 0-255. Not thread-safe (one per pipeline).
 */
public final class MiniFasNet implements AutoCloseable {

    /**
     * Softmax "real" probability of each network and their mean (the fused score, 1 = live), each averaged over the
     * two box shapes ({@link #TRAINING_BOX_WIDTH}).
     */
    public record Score(double v2, double v1se, double real) { }

    /**
     * The networks were trained on boxes of a RetinaFace detector, about 1/0.89 as wide as our mesh box at the same
     * height. Each network is run on our box and on it widened so, and the two probabilities averaged: measured
     * leave-one-source-out on ../shared/data (docs/TEXTURE.md), our box alone rejected 9% of NUAA's genuine faces,
     * the widened box alone 8.3% of LivePortrait d18's, the average at most 5.9% of any source (headtrackr 320x240).
     */
    static final double TRAINING_BOX_WIDTH = 1 / 0.89;

    private final Map<MiniFasNetModel, OnnxModel> nets;

    private MiniFasNet(Map<MiniFasNetModel, OnnxModel> nets) {
        this.nets = nets;
    }

    /** Both networks from the store's verified files (no network), or empty when either file is not there. */
    public static Optional<MiniFasNet> open(ModelStore store, int threads) {
        Map<MiniFasNetModel, OnnxModel> nets = new EnumMap<>(MiniFasNetModel.class);
        try {
            for (MiniFasNetModel m : MiniFasNetModel.values()) {
                Optional<Path> file = store.local(m);
                if (file.isEmpty()) {
                    nets.values().forEach(OnnxModel::close);
                    return Optional.empty();
                }
                nets.put(m, OnnxModel.load(m, m.toOnnx(file.get()), threads));
            }
        } catch (IOException e) {
            nets.values().forEach(OnnxModel::close);
            throw new IllegalStateException("cannot load the anti-spoofing model: " + e.getMessage(), e);
        }
        return Optional.of(new MiniFasNet(nets));
    }

    /** Scores the face in {@code box} (image pixels) of the whole BGR frame. */
    public Score score(Mat bgr, Box box) {
        double w = box.width() * TRAINING_BOX_WIDTH;
        Box wide = new Box(box.centerX() - w / 2, box.y(), w, box.height());
        Score a = scoreBox(bgr, box), b = scoreBox(bgr, wide);
        return new Score((a.v2() + b.v2()) / 2, (a.v1se() + b.v1se()) / 2, (a.real() + b.real()) / 2);
    }

    /** Both networks on one box shape. */
    Score scoreBox(Mat bgr, Box box) {
        double[] real = new double[2];
        int k = 0;
        for (MiniFasNetModel m : MiniFasNetModel.values()) {
            int[] c = cropBox(bgr.cols(), bgr.rows(), box, m.scale());
            Mat patch = new Mat(bgr, new Rect(c[0], c[1], c[2] - c[0] + 1, c[3] - c[1] + 1));
            Mat small = new Mat();
            Imgproc.resize(patch, small, new Size(MiniFasNetModel.INPUT, MiniFasNetModel.INPUT), 0, 0, Imgproc.INTER_LINEAR);
            float[] logits = nets.get(m).run(bgrRaw(small), 1)[0];
            small.release();
            patch.release();
            real[k++] = softmax(logits)[1];
        }
        return new Score(real[0], real[1], (real[0] + real[1]) / 2);
    }

    /**
     * The crop's corners {left, top, right, bottom} (inclusive, image pixels) for a face box: Silent-Face-Anti-
     * Spoofing's {@code CropImage._get_new_box}. The side is {@code scale} times the box's, reduced to
     * {@code min((H-1)/h, (W-1)/w, scale)} when the image is too small; a crop beyond an edge is shifted back
     * inside; the corners are truncated to integers as there. Clamped to the image for boxes partly outside it.
     */
    static int[] cropBox(int srcW, int srcH, Box box, double scale) {
        double w = Math.max(1, box.width()), h = Math.max(1, box.height());
        double s = Math.min((srcH - 1) / h, Math.min((srcW - 1) / w, scale));
        double nw = w * s, nh = h * s, cx = box.x() + w / 2, cy = box.y() + h / 2;
        double l = cx - nw / 2, t = cy - nh / 2, r = cx + nw / 2, b = cy + nh / 2;
        if (l < 0) { r -= l; l = 0; }
        if (t < 0) { b -= t; t = 0; }
        if (r > srcW - 1) { l -= r - srcW + 1; r = srcW - 1; }
        if (b > srcH - 1) { t -= b - srcH + 1; b = srcH - 1; }
        int il = clamp((int) l, srcW), it = clamp((int) t, srcH);
        return new int[] {il, it, Math.max(il, clamp((int) r, srcW)), Math.max(it, clamp((int) b, srcH))};
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    /** NHWC, BGR order kept (the networks were trained on OpenCV's BGR), raw 0-255. */
    private static float[] bgrRaw(Mat bgr) {
        int n = bgr.cols() * bgr.rows() * 3;
        byte[] px = new byte[n];
        bgr.get(0, 0, px);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = px[i] & 0xff;
        return out;
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : logits) max = Math.max(max, v);
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) sum += p[i] = Math.exp(logits[i] - max);
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    @Override
    public void close() {
        nets.values().forEach(OnnxModel::close);
    }
}
