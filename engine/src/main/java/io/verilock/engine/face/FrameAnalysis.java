package io.verilock.engine.face;

import io.verilock.engine.image.PixelFingerprint;

import java.util.List;
import java.util.Optional;

/**
 * The faces found in one frame, largest first.
 *
 * @param framesSinceDetection in a video, how many frames ago the detectors last ran (0 = on this frame); the
 *                             frames between were followed from the previous frame's landmarks
 * @param pixels               the decoded frame's fingerprint, for recognising repeated frames; null when the
 *                             analysis was not made from pixels (tests)
 */
public record FrameAnalysis(int width, int height, List<FaceObservation> faces, int framesSinceDetection,
                            PixelFingerprint pixels) {
    public FrameAnalysis {
        faces = List.copyOf(faces);
    }

    /** A frame the detectors ran on, without a pixel fingerprint. */
    public FrameAnalysis(int width, int height, List<FaceObservation> faces) {
        this(width, height, faces, 0, null);
    }

    public FrameAnalysis(int width, int height, List<FaceObservation> faces, int framesSinceDetection) {
        this(width, height, faces, framesSinceDetection, null);
    }

    public Optional<FaceObservation> primary() {
        return faces.isEmpty() ? Optional.empty() : Optional.of(faces.get(0));
    }
}
