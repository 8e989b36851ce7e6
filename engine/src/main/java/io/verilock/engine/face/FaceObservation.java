package io.verilock.engine.face;

import java.util.Map;

/**
 * Everything the engine measured about one face in one frame.
 *
 * @param box        face box in input-image pixels
 * @param confidence face-mesh confidence that this is a face, 0..1
 * @param landmarks  468 mesh points in input-image pixels
 * @param pose       head rotation (see {@link HeadPose} for signs)
 * @param eyes       eye openness from the eyelid landmarks (and iris where it helps)
 * @param smile      0..1, mouth geometry combined with the emotion model's "happy"
 * @param expression emotion model probabilities by label (neutral, happy, ...)
 * @param texture    anti-spoofing texture evidence
 * @param quality    capture quality flags and measures
 */
public record FaceObservation(
        Box box,
        double confidence,
        Landmarks landmarks,
        HeadPose pose,
        EyeState eyes,
        double smile,
        Map<String, Double> expression,
        Texture texture,
        Quality quality) {
    public FaceObservation {
        expression = Map.copyOf(expression);
    }

    /** This observation with another texture verdict (a streamed frame's texture measured afterwards). */
    public FaceObservation withTexture(Texture measured) {
        return new FaceObservation(box, confidence, landmarks, pose, eyes, smile, expression, measured, quality);
    }
}
