package io.verilock.engine.face;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.model.FaceModel;
import io.verilock.engine.model.OnnxModel;
import org.opencv.core.Mat;

/**
 * The face-recognition stage: an upright, eye-aligned crop of a face (placed from its mesh landmarks) run through
 * the FaceRes model of human-models ({@link FaceModel#FACERES}, HSE-FaceRes: 224-px RGB in 0..255, as the human
 * library feeds it), whose 1024-d descriptor becomes a {@link FaceEmbedding}. Not thread-safe (the model holds
 * reusable buffers): one embedder per thread.
 *
 * <p>The crop follows the ArcFace 112-pixel alignment (the eyes' mid-point at 46% of the crop's height, the mouth's
 * at 82%, so the eye-to-mouth distance is 36% of the side), rotated so that the eye line is level, and widened by
 * {@link FaceMatchSettings#cropScale()} around the same centre.
 */
public final class FaceEmbedder implements AutoCloseable {
    /** Eye-to-mouth distance over crop side in ArcFace's 112-px template (eyes y 51.5, mouth y 92.2). */
    static final double EYE_MOUTH_OVER_SIDE = (92.2 - 51.5) / 112;
    /** Crop centre below the eyes' mid-point, in eye-to-mouth distances. */
    static final double CENTRE_BELOW_EYES = (56 - 51.5) / (92.2 - 51.5);
    private static final int DESCRIPTOR_OUTPUT = 2;

    private final FaceMatchSettings settings;
    private final OnnxModel model;

    public FaceEmbedder(FaceMatchSettings settings, int threads) {
        this.settings = settings;
        this.model = OnnxModel.load(FaceModel.FACERES, threads);
    }

    public FaceMatchSettings settings() {
        return settings;
    }

    /** The embedding of {@code face} (found in {@code image}). */
    public FaceEmbedding embed(DecodedImage image, FaceObservation face) {
        return embed(image.bgr(), face.landmarks());
    }

    /** The embedding of the face whose mesh landmarks (image pixels) are {@code m} in the 8-bit BGR {@code bgr}. */
    public FaceEmbedding embed(Mat bgr, Landmarks m) {
        Mat face = crop(m, settings.cropScale(), FaceModel.FACERES.inputSize()).warp(bgr);
        try {
            if (!settings.mirrored()) return new FaceEmbedding(model.run(Tensors.rgb(face, 1f, 0f), 1)[DESCRIPTOR_OUTPUT]);
            // the face and its mirror image in one batch, descriptors summed: less dependent on pose and lighting side
            int n = FaceModel.FACERES.inputLength();
            float[] in = new float[2 * n];
            Tensors.rgb(face, 1f, 0f, in, 0, false);
            Tensors.rgb(face, 1f, 0f, in, n, true);
            float[] both = model.run(in, 2)[DESCRIPTOR_OUTPUT];
            int d = both.length / 2;
            float[] sum = new float[d];
            for (int i = 0; i < d; i++) sum[i] = both[i] + both[d + i];
            return new FaceEmbedding(sum);
        } finally {
            face.release();
        }
    }

    /** The aligned crop (see the class comment) for a face with mesh landmarks {@code m}. */
    static Crop crop(Landmarks m, double scale, int size) {
        double rx = (m.x(MeshPoints.RIGHT_EYE_OUTER) + m.x(MeshPoints.RIGHT_EYE_INNER)) / 2;
        double ry = (m.y(MeshPoints.RIGHT_EYE_OUTER) + m.y(MeshPoints.RIGHT_EYE_INNER)) / 2;
        double lx = (m.x(MeshPoints.LEFT_EYE_OUTER) + m.x(MeshPoints.LEFT_EYE_INNER)) / 2;
        double ly = (m.y(MeshPoints.LEFT_EYE_OUTER) + m.y(MeshPoints.LEFT_EYE_INNER)) / 2;
        double ex = (rx + lx) / 2, ey = (ry + ly) / 2;
        double mx = (m.x(MeshPoints.MOUTH_RIGHT) + m.x(MeshPoints.MOUTH_LEFT)) / 2;
        double my = (m.y(MeshPoints.MOUTH_RIGHT) + m.y(MeshPoints.MOUTH_LEFT)) / 2;
        double roll = Math.atan2(ly - ry, lx - rx);
        // eye-to-mouth distance along the face's own vertical axis (down is (-sin, cos) for a clockwise roll)
        double d = Math.max(-(mx - ex) * Math.sin(roll) + (my - ey) * Math.cos(roll), 1);
        double below = CENTRE_BELOW_EYES * d;
        return new Crop(ex - below * Math.sin(roll), ey + below * Math.cos(roll), d / EYE_MOUTH_OVER_SIDE * scale, roll, size);
    }

    @Override
    public void close() {
        model.close();
    }
}
