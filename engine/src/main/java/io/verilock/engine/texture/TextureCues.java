package io.verilock.engine.texture;

import org.opencv.core.Mat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classical texture anti-spoofing cues for one face in one frame (docs/TEXTURE.md has the measurements):
 * <ul>
 *   <li>{@code lbp_spoof}: colour-LBP logistic regression, probability that the face is a print or screen. Learned
 *       print well on one camera; it does not transfer reliably to cameras it has not seen, and it does not catch
 *       replays.</li>
 *   <li>{@code bezel_sides} / {@code bezel}: long straight lines beside the face on two or more sides (a screen or
 *       paper edge).</li>
 *   <li>{@code recapture_sharpness}, {@code recapture_range}, {@code recapture_saturation}: reported only; they
 *       separate attacks from genuine faces on one camera but mostly measure the camera (use as quality gates).</li>
 * </ul>
 * {@link Result#spoofConfident()} is the only signal meant to veto: straight edges on opposite sides of the face and
 * {@code lbp_spoof} at least {@link #CONFIDENT_LBP}, or the face framed on three or more sides ({@link FrameCue},
 * {@code frame_sides} / {@code frame}). Thread-safe (the model is immutable).
 */
public final class TextureCues {
    public static final String MODEL_RESOURCE = "/io/verilock/engine/texture/colour-lbp.json";
    /** lbp_spoof at or above which a frame with the bezel flag is a confident spoof. */
    public static final double CONFIDENT_LBP = 0.5;
    /** Factor on {@code live} when the bezel flag is set without a confident spoof. */
    public static final double BEZEL_PENALTY = 0.5;

    private final LogisticModel lbp;

    public TextureCues() {
        this(LogisticModel.resource(MODEL_RESOURCE));
    }

    public TextureCues(LogisticModel lbp) {
        if (lbp.features() != ColourLbp.FEATURES) {
            throw new IllegalArgumentException("the LBP model has " + lbp.features() + " features, expected " + ColourLbp.FEATURES);
        }
        this.lbp = lbp;
    }

    /**
     * @param lbpSpoof probability (0..1) from the colour-LBP model that the face is a print or a screen
     * @param bezel    straight lines around the face
     * @param stats    recapture statistics (reported only)
     */
    public record Result(double lbpSpoof, BezelCue.Result bezel, CaptureStats stats, FrameCue.Result frame) {
        /** Without the frame cue (training and older callers). */
        public Result(double lbpSpoof, BezelCue.Result bezel, CaptureStats stats) {
            this(lbpSpoof, bezel, stats, FrameCue.Result.NONE);
        }

        /**
         * A print or screen with high confidence: straight edges on opposite sides of the face (left and right, or
         * above and below) and a spoof-like texture; or the face framed on three or four sides by the edges of a
         * picture ({@link FrameCue}). Edges on two adjacent sides alone also occur in rooms (a door frame and a
         * ceiling), so they only lower {@link #live()}.
         */
        public boolean spoofConfident() {
            return bezel.opposite() && lbpSpoof >= CONFIDENT_LBP || frame.framed();
        }

        /** 0..1, 1 = live: the LBP model's live probability, halved when a bezel is seen, 0 when confident. */
        public double live() {
            if (spoofConfident()) return 0;
            return (1 - lbpSpoof) * (bezel.flagged() ? BEZEL_PENALTY : 1);
        }

        /** Every cue by name, in a stable order. */
        public Map<String, Double> cues() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("lbp_spoof", lbpSpoof);
            out.put("bezel_sides", (double) bezel.sides());
            out.put("bezel", bezel.flagged() ? 1.0 : 0.0);
            out.put("bezel_opposite", bezel.opposite() ? 1.0 : 0.0);
            out.put("frame_sides", (double) frame.sides());
            out.put("frame", frame.framed() ? 1.0 : 0.0);
            out.put("recapture_sharpness", stats.sharpness());
            out.put("recapture_range", stats.range());
            out.put("recapture_saturation", stats.saturation());
            out.put("spoof_confident", spoofConfident() ? 1.0 : 0.0);
            return out;
        }
    }

    public Result measure(Mat bgr, FaceRegion face) {
        Mat crop = face.uprightCrop(bgr, ColourLbp.CROP_SCALE, CaptureStats.SIZE);
        try {
            return new Result(lbp.probability(ColourLbp.featuresOfCrop(crop)), BezelCue.measure(bgr, face), CaptureStats.ofCrop(crop),
                    FrameCue.measure(bgr, face));
        } finally {
            crop.release();
        }
    }
}
