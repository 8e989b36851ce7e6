package io.verilock.engine.face;

import java.util.List;
import java.util.Optional;

/** The faces found in one frame, largest first. */
public record FrameAnalysis(int width, int height, List<FaceObservation> faces) {
    public FrameAnalysis {
        faces = List.copyOf(faces);
    }

    public Optional<FaceObservation> primary() {
        return faces.isEmpty() ? Optional.empty() : Optional.of(faces.get(0));
    }
}
