package io.verilock.engine.face;

import io.verilock.engine.texture.FaceRegion;
import io.verilock.engine.texture.TextureCues;
import org.opencv.core.Mat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Texture evidence for one face: {@link Texture#live()} is MiniFASNet's fused "real" probability
 * ({@link MiniFasNet}), 0 when the classical {@code spoof_confident} cue (a picture frame around the face, or
 * straight edges on opposite sides with a print-like colour texture) fires: that veto stays as docs/TEXTURE.md
 * documents it. Without the model (its files missing) {@code live} falls back to the classical colour-LBP
 * estimate and the {@code minifasnet} cue is absent, so a decision can tell. The human library's two small models
 * are no longer run: they were near chance or inverted on our data (docs/TEXTURE.md: AUC 0.28 and 0.58).
 */
final class TextureScorer {
    private final TextureCues cues;

    TextureScorer() {
        this(new TextureCues());
    }

    TextureScorer(TextureCues cues) {
        this.cues = cues;
    }

    Texture score(Mat bgr, FaceRegion face, MiniFasNet.Score model) {
        TextureCues.Result r = cues.measure(bgr, face);
        Map<String, Double> all = new LinkedHashMap<>();
        if (model != null) {
            all.put("minifasnet", model.real());
            all.put("minifasnet_v2", model.v2());
            all.put("minifasnet_v1se", model.v1se());
        }
        all.putAll(r.cues());
        all.put("classical_live", r.live());
        double live = model == null ? r.live() : r.spoofConfident() ? 0 : model.real();
        return new Texture(live, all);
    }
}
