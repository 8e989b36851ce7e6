package io.verilock.engine.face;

import java.util.Map;

/**
 * Anti-spoofing texture evidence for one face.
 *
 * @param live combined probability-like score that the face is a live capture (1 = live)
 * @param cues each contributing cue by name (model outputs and classical measures), for explanation
 */
public record Texture(double live, Map<String, Double> cues) {
    /** A streamed frame analysed without texture (it is measured later on the frames kept as evidence). */
    public static final Texture NOT_MEASURED = new Texture(Double.NaN, Map.of());

    public Texture {
        cues = Map.copyOf(cues);
    }

    public boolean measured() {
        return !Double.isNaN(live);
    }
}
