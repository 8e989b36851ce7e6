package io.verilock.engine.face;

import org.opencv.core.Mat;

/** Turns 8-bit BGR crops into the NHWC RGB float tensors the TF.js-trained models expect. */
final class Tensors {
    private Tensors() {}

    /** RGB, each value {@code pixel * scale + offset}, appended at {@code at} in {@code out}. */
    static void rgb(Mat bgr, float scale, float offset, float[] out, int at, boolean flipHorizontally) {
        int w = bgr.cols(), h = bgr.rows();
        byte[] px = new byte[w * h * 3];
        bgr.get(0, 0, px);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int src = 3 * (y * w + (flipHorizontally ? w - 1 - x : x));
                int dst = at + 3 * (y * w + x);
                out[dst] = (px[src + 2] & 0xff) * scale + offset;
                out[dst + 1] = (px[src + 1] & 0xff) * scale + offset;
                out[dst + 2] = (px[src] & 0xff) * scale + offset;
            }
        }
    }

    static float[] rgb(Mat bgr, float scale, float offset) {
        float[] out = new float[bgr.cols() * bgr.rows() * 3];
        rgb(bgr, scale, offset, out, 0, false);
        return out;
    }

    /** Grey (ITU-R 601 weights, as the emotion model was trained), mapped from 0..255 to -1..1. */
    static float[] grey(Mat bgr) {
        int n = bgr.cols() * bgr.rows();
        byte[] px = new byte[n * 3];
        bgr.get(0, 0, px);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double g = 0.2989 * (px[3 * i + 2] & 0xff) + 0.5870 * (px[3 * i + 1] & 0xff) + 0.1140 * (px[3 * i] & 0xff);
            out[i] = (float) ((g / 255.0 - 0.5) * 2);
        }
        return out;
    }
}
