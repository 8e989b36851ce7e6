package io.verilock.engine.texture;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texture cues through the whole pipeline on media from cameras the LBP model never saw (TextureTraining's
 * held-out set; skipped where ../shared/data is absent). Bounds are below what was measured on these files
 * (docs/TEXTURE.md); nothing was tuned on them.
 */
class TextureDataTest {
    private static final String[] ATTACKS = {"silentface-samples/image_F1.jpg", "liveportrait-nonlive-stills/s11.jpg",
            "silentface-samples/image_F2.jpg", "trueface-samples/spoof.jpg", "trueface-samples/near_shot_fake_person.jpg",
            "trueface-samples/far_shot_fake_person.jpg"};
    private static final String[] GENUINE_STILLS = {"silentface-samples/image_T1.jpg", "silentface-samples/image_T2.jpg",
            "trueface-samples/real.jpg", "trueface-samples/real_spoof.jpg", "trueface-samples/near_shot_real_person.jpg",
            "trueface-samples/far_shot_real_person.jpg"};
    private static final String[] GENUINE_CLIPS = {"headtrackr-webcam/capture4_frames", "headtrackr-webcam/capture5_frames",
            "fgnet-talking-face/franck_t140-170_frames", "liveportrait-driving/d9_frames", "liveportrait-driving/d13_frames"};

    @Test
    void heldOutCamerasSeparationAndNoConfidentFalseRejects() throws ImageInputException {
        SharedData.require();
        List<Map<String, Double>> genuine = new ArrayList<>(), attacks = new ArrayList<>();
        try (FaceAnalyzer analyzer = FaceAnalyzers.open(1)) {
            FacePipeline pipeline = (FacePipeline) analyzer;
            ImageDecoder decoder = new ImageDecoder();
            for (String a : ATTACKS) attacks.add(cues(pipeline, decoder, SharedData.file(a)));
            for (String g : GENUINE_STILLS) genuine.add(cues(pipeline, decoder, SharedData.file(g)));
            for (String clip : GENUINE_CLIPS) {
                List<Path> frames = SharedData.frames(clip);
                for (int i = 0; i < frames.size(); i += 24) genuine.add(cues(pipeline, decoder, frames.get(i)));
            }
            for (int i = 0; i < genuine.size(); i++) {
                if (genuine.get(i) != null && genuine.get(i).get("spoof_confident") >= 0.5) System.out.println("  genuine spoof_confident: face " + i + " " + genuine.get(i));
            }
        }
        genuine.removeIf(m -> m == null);
        for (Map<String, Double> m : genuine) m.put("spoofness", 1 - m.get("live"));
        for (Map<String, Double> m : attacks) m.put("spoofness", 1 - m.get("live"));
        assertThat(attacks).doesNotContainNull();
        for (Map<String, Double> m : genuine) {
            assertThat(m).containsKeys("lbp_spoof", "bezel", "bezel_sides", "spoof_confident", "recapture_sharpness",
                    "minifasnet", "minifasnet_v2", "minifasnet_v1se", "classical_live");
        }
        double auc = auc(attacks, genuine, "lbp_spoof");
        double genuineBezel = rate(genuine, "bezel"), attackBezel = rate(attacks, "bezel");
        double genuineConfident = rate(genuine, "spoof_confident"), attackConfident = rate(attacks, "spoof_confident");
        System.out.printf(Locale.ROOT, "held-out cameras: %d genuine faces, %d attack stills (2 print, 4 replay)%n", genuine.size(), attacks.size());
        System.out.printf(Locale.ROOT, "  colour-LBP AUC %.3f; bezel flagged: genuine %.1f%%, attacks %.0f%%; "
                        + "spoof_confident: genuine %.1f%%, attacks %.0f%%%n",
                auc, 100 * genuineBezel, 100 * attackBezel, 100 * genuineConfident, 100 * attackConfident);
        List<Map<String, Double>> print = attacks.subList(0, 2), replay = attacks.subList(2, 6);
        double printAuc = auc(print, genuine, "spoofness"), replayAuc = auc(replay, genuine, "spoofness");
        System.out.printf(Locale.ROOT, "  1 - live AUC: print %.3f (n=2), replay %.3f (n=4); lbp_spoof AUC: print %.3f, replay %.3f%n",
                printAuc, replayAuc, auc(print, genuine, "lbp_spoof"), auc(replay, genuine, "lbp_spoof"));
        assertThat(genuine.size()).isGreaterThan(80);
        assertThat(printAuc).isGreaterThanOrEqualTo(0.85);
        assertThat(replayAuc).isGreaterThanOrEqualTo(0.85);
        assertThat(auc).isGreaterThanOrEqualTo(0.70);
        assertThat(genuineConfident).isZero();
        assertThat(genuineBezel).isLessThanOrEqualTo(0.05);
        assertThat(attackBezel).isGreaterThanOrEqualTo(0.5);
    }

    /** The largest face's texture cues, or null when no face was found. */
    private static Map<String, Double> cues(FacePipeline pipeline, ImageDecoder decoder, Path file) throws ImageInputException {
        try (DecodedImage image = TextureTraining.load(decoder, file)) {
            FrameAnalysis a = pipeline.analyze(image, null);
            return a.primary().map(f -> {
                Map<String, Double> m = new java.util.HashMap<>(f.texture().cues());
                m.put("live", f.texture().live());
                return m;
            }).orElse(null);
        }
    }

    private static double rate(List<Map<String, Double>> set, String cue) {
        return set.stream().filter(m -> m.get(cue) >= 0.5).count() / (double) set.size();
    }

    private static double auc(List<Map<String, Double>> attacks, List<Map<String, Double>> genuine, String cue) {
        double sum = 0;
        for (Map<String, Double> a : attacks) {
            for (Map<String, Double> g : genuine) sum += a.get(cue) > g.get(cue) ? 1 : a.get(cue).equals(g.get(cue)) ? 0.5 : 0;
        }
        return sum / (attacks.size() * (double) genuine.size());
    }
}
