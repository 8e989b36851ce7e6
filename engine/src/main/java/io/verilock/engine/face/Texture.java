package io.verilock.engine.face;

import java.util.Map;

/**
 * Anti-spoofing texture evidence for one face.
 *
 * @param live combined probability-like score that the face is a live capture (1 = live)
 * @param cues each contributing cue by name (model outputs and classical measures), for explanation
 */
public record Texture(double live, Map<String, Double> cues) {
    public Texture {
        cues = Map.copyOf(cues);
    }
}
