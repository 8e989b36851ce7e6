package io.verilock.engine.face;

import io.verilock.engine.texture.FaceRegion;
import io.verilock.engine.texture.TextureCues;
import org.opencv.core.Mat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Texture evidence for one face: the classical cues of {@link TextureCues} (colour LBP, bezel lines, recapture
 * statistics) decide {@link Texture#live()}; the two small models from the human library are reported as cues only,
 * since they are near chance or inverted on our data (TEXTURE-STUDY.md: AUC 0.28 and 0.58). The liveness decision
 * should veto on texture only through the {@code spoof_confident} cue (docs/TEXTURE.md).
 */
final class TextureScorer {
    private final TextureCues cues;

    TextureScorer() {
        this(new TextureCues());
    }

    TextureScorer(TextureCues cues) {
        this.cues = cues;
    }

    Texture score(Mat bgr, FaceRegion face, double antispoofReal, double livenessReal) {
        TextureCues.Result r = cues.measure(bgr, face);
        Map<String, Double> all = new LinkedHashMap<>(r.cues());
        all.put("antispoof_model", antispoofReal);
        all.put("liveness_model", livenessReal);
        return new Texture(r.live(), all);
    }
}
