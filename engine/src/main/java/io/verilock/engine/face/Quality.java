package io.verilock.engine.face;

import java.util.List;

/**
 * Capture quality of one face in its frame. Flags name what is wrong so the SDK can guide the person.
 *
 * @param flags       any of {@link QualityFlag} names; empty when the capture is usable
 * @param brightness  mean luma of the face region, 0..255
 * @param sharpness   variance of the Laplacian of the face region (higher = sharper)
 * @param faceWidthRatio face box width over image width
 */
public record Quality(List<QualityFlag> flags, double brightness, double sharpness, double faceWidthRatio) {
    public Quality {
        flags = List.copyOf(flags);
    }

    public boolean ok() { return flags.isEmpty(); }
}
