package io.verilock.engine.face;

import java.util.Map;

/**
 * Combines texture cues into {@link Texture#live()}. The two small models from the human library are reported as
 * cues but are known to be weak on our data (TEXTURE-STUDY.md: AUC 0.28 and 0.58), so they are averaged with equal
 * weight and the liveness decision gives texture a veto only when the evidence is confident.
 */
final class TextureScorer {

    Texture score(double antispoofReal, double livenessReal) {
        double live = (antispoofReal + livenessReal) / 2;
        return new Texture(live, Map.of("antispoof_model", antispoofReal, "liveness_model", livenessReal));
    }
}
