package io.verilock.engine.face;

import java.util.List;
import java.util.Optional;

/**
 * The faces found in one frame, largest first.
 *
 * @param framesSinceDetection in a video, how many frames ago the detectors last ran (0 = on this frame); the
 *                             frames between were followed from the previous frame's landmarks
 */
public record FrameAnalysis(int width, int height, List<FaceObservation> faces, int framesSinceDetection) {
    public FrameAnalysis {
        faces = List.copyOf(faces);
    }

    /** A frame the detectors ran on. */
    public FrameAnalysis(int width, int height, List<FaceObservation> faces) {
        this(width, height, faces, 0);
    }

    public Optional<FaceObservation> primary() {
        return faces.isEmpty() ? Optional.empty() : Optional.of(faces.get(0));
    }
}
