package io.verilock.engine.liveness;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.Texture;
import io.verilock.engine.face.QualityFlag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.verilock.engine.liveness.Challenge.BLINK;
import static io.verilock.engine.liveness.Challenge.HEAD_LEFT;
import static io.verilock.engine.liveness.Challenge.HEAD_RIGHT;
import static io.verilock.engine.liveness.Challenge.SMILE;
import static org.assertj.core.api.Assertions.assertThat;

class LivenessScorerTest {
    private static final LivenessConfig CONFIG = LivenessConfig.defaults();
    private static final LivenessScorer SCORER = new LivenessScorer(CONFIG);
    private static final List<Challenge> ALL = List.of(SMILE, HEAD_LEFT, BLINK, HEAD_RIGHT);

    static LivenessResult session(List<Challenge> order, UnaryOperator<SyntheticFace> look) {
        Script s = new Script(10);
        SyntheticFace rest = look.apply(SyntheticFace.neutral());
        s.hold(12, rest);
        for (Challenge c : order) s.act(c, rest);
        var v = s.runToEnd(new ChallengeVerifier<Void>(ChallengePlan.fixed(order), CONFIG));
        return SCORER.score(v.evidence());
    }

    @Test
    void aLivePersonCompletingEverythingPassesWithSpecFields() throws Exception {
        LivenessResult r = session(ALL, f -> f);
        assertThat(r.livenessPassed()).isTrue();
        assertThat(r.livenessScore()).isGreaterThanOrEqualTo(90);
        assertThat(r.challengesCompleted()).isEqualTo(ALL);
        assertThat(r.framesCaptured()).isBetween(8, 12);
        assertThat(r.poseVariationScore()).isGreaterThan(80);
        assertThat(r.expressionVariationScore()).isGreaterThan(80);
        assertThat(r.analysis().band()).isEqualTo(LivenessBand.VERY_HIGH);
        assertThat(r.analysis().geometry().flat()).isFalse();
        assertThat(r.analysis().deductions()).isEmpty();

        JsonNode json = LivenessJson.mapper().readTree(LivenessJson.toJson(r));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("liveness_mode", "liveness_score", "liveness_passed", "liveness_threshold",
                "challenges_completed", "frames_captured", "pose_variation_score", "expression_variation_score",
                "analysis");
        assertThat(json.get("liveness_mode").asText()).isEqualTo("active");
        assertThat(json.get("challenges_completed").get(1).asText()).isEqualTo("head_left");
        assertThat(json.get("liveness_threshold").asInt()).isEqualTo(75);
        JsonNode a = json.get("analysis");
        assertThat(a.get("challenges").get(0).has("prompted_at")).isTrue();
        assertThat(a.get("challenges").get(0).get("peak_smile").asDouble()).isGreaterThan(0.8);
        assertThat(a.get("frames").get(0).get("why").asText()).isEqualTo("baseline");
        assertThat(a.get("config").get("turn_angle_deg").asDouble()).isEqualTo(22);
    }

    @Test
    void aConfidentTextureSpoofCapsTheScoreBelow50() {
        LivenessResult r = session(ALL, f -> f.live(0.08));
        assertThat(r.challengesCompleted()).hasSize(4);
        assertThat(r.livenessScore()).isLessThan(50);
        assertThat(r.livenessPassed()).isFalse();
        assertThat(r.analysis().band()).isEqualTo(LivenessBand.SPOOF);
        assertThat(r.analysis().deductions()).extracting(Deduction::code).contains("texture_spoof");
    }

    @Test
    void anUncertainTextureDoesNotVeto() {
        LivenessResult r = session(ALL, f -> f.live(0.35));
        assertThat(r.livenessPassed()).isTrue();
    }

    @Test
    void aFlatPictureMovedByAHomographyIsFlagged() {
        // the synthetic picture turns without the hand's jitter, so its fast frames stand between still ones: with
        // the continuity check on it is declined as a swap before the turn completes; here the planarity check alone
        LivenessConfig noContinuity = CONFIG.withContinuityStillRate(0);
        Script s = new Script(10);
        SyntheticFace rest = SyntheticFace.neutral().flat();
        s.hold(12, rest);
        for (Challenge c : ALL) s.act(c, rest);
        var v = s.runToEnd(new ChallengeVerifier<Void>(ChallengePlan.fixed(ALL), noContinuity));
        LivenessResult r = new LivenessScorer(noContinuity).score(v.evidence());
        assertThat(r.analysis().geometry().flat()).isTrue();
        assertThat(r.analysis().geometry().residual()).isLessThan(CONFIG.planarResidualMax());
        assertThat(r.livenessScore()).isLessThan(50);
        assertThat(r.analysis().deductions()).extracting(Deduction::code).contains("planar_landmarks");
    }

    @Test
    void planarityResidualSeparatesAHeadFromAPicture() {
        var front = SyntheticFace.neutral();
        double head = PlanarityCheck.residual(front.observation().landmarks(), front.yaw(-25).observation().landmarks()).orElseThrow();
        double flat = PlanarityCheck.residual(front.flat().observation().landmarks(),
                front.flat().yaw(-25).observation().landmarks()).orElseThrow();
        assertThat(flat).isLessThan(1e-4);
        assertThat(head).isGreaterThan(3 * CONFIG.planarResidualMax());
    }

    @Test
    void expressionOnlyPlansScoreOnExpressionAndStillFailAnAttack() throws Exception {
        LivenessResult live = session(List.of(BLINK, SMILE), f -> f);
        assertThat(live.livenessPassed()).isTrue();
        assertThat(live.poseVariationScore()).isNull();
        assertThat(live.analysis().notes()).anyMatch(n -> n.startsWith("pose_variation_score not applicable"));
        assertThat(LivenessJson.mapper().readTree(LivenessJson.toJson(live)).has("pose_variation_score")).isFalse();

        LivenessResult photo = SCORER.score(new Script(10).neutral(200)
                .runToEnd(new ChallengeVerifier<Void>(ChallengePlan.fixed(List.of(BLINK, SMILE)), CONFIG)).evidence());
        assertThat(photo.livenessPassed()).isFalse();
        assertThat(photo.livenessScore()).isLessThan(50);
    }

    @Test
    void everyAllowedSubsetPassesALivePersonAndFailsAttacks() {
        List<List<Challenge>> subsets = new ArrayList<>();
        for (int mask = 1; mask < 16; mask++) {
            List<Challenge> subset = new ArrayList<>();
            for (Challenge c : Challenge.values()) if ((mask & (1 << c.ordinal())) != 0) subset.add(c);
            subsets.add(subset);
        }
        for (List<Challenge> subset : subsets) {
            ChallengePlan plan = ChallengePlan.random(subset);
            assertThat(session(plan.order(), f -> f).livenessPassed()).as("live, %s", plan.order()).isTrue();
            assertThat(session(plan.order(), f -> f.live(0.05)).livenessPassed()).as("spoof texture, %s", plan.order()).isFalse();
            LivenessResult still = SCORER.score(new Script(10).neutral(200)
                    .runToEnd(new ChallengeVerifier<Void>(plan, CONFIG)).evidence());
            assertThat(still.livenessScore()).as("still photo, %s", plan.order()).isLessThan(50);
            boolean turns = plan.exercises(Challenge.Factor.POSE);
            if (turns) assertThat(session(plan.order(), SyntheticFace::flat).livenessPassed()).as("flat, %s", plan.order()).isFalse();
        }
    }

    @Test
    void poseOnlyPlansScoreOnPose() {
        LivenessResult live = session(List.of(HEAD_RIGHT, HEAD_LEFT), f -> f);
        assertThat(live.livenessPassed()).isTrue();
        assertThat(live.expressionVariationScore()).isNull();
    }

    @Test
    void anIncompleteSequenceIsCappedInTheSpoofBand() {
        // three of four done: the averages alone would still pass, the cap must not let it
        Script s = new Script(10).neutral(12).act(SMILE).act(HEAD_LEFT).act(BLINK);
        var v = s.runToEnd(new ChallengeVerifier<Void>(ChallengePlan.fixed(ALL), CONFIG));
        LivenessResult r = SCORER.score(v.evidence());
        assertThat(r.challengesCompleted()).containsExactly(SMILE, HEAD_LEFT, BLINK);
        assertThat(r.livenessScore()).isLessThan(50);
        assertThat(r.analysis().deductions()).extracting(Deduction::code).containsExactly("challenge_not_completed");
    }

    @Test
    void noNeutralBaselineScoresZero() {
        var v = new Script(10).hold(200, SyntheticFace.neutral().smile(0.9))
                .run(new ChallengeVerifier<Void>(ChallengePlan.fixed(ALL), CONFIG));
        LivenessResult r = SCORER.score(v.evidence());
        assertThat(r.livenessScore()).isZero();
        assertThat(r.challengesCompleted()).isEmpty();
        assertThat(r.framesCaptured()).isZero();
    }

    @Test
    void creditRisesFrom80AtThePassCriterionTo100AtFullCredit() {
        assertThat(LivenessScorer.completedCredit(22, 22, 35)).isEqualTo(80);
        assertThat(LivenessScorer.completedCredit(28.5, 22, 35)).isEqualTo(90);
        assertThat(LivenessScorer.completedCredit(50, 22, 35)).isEqualTo(100);
    }

    @Test
    void passiveScoresTextureAndQualityWithoutActiveFields() throws Exception {
        LivenessResult live = SCORER.scorePassive(SyntheticFace.neutral().live(0.93).frame());
        // 0.44 (passiveLiveAt75) scores 75, 1 scores 100: 75 + 25 * (0.93 - 0.44) / 0.56
        assertThat(live.livenessScore()).isEqualTo(96.9);
        assertThat(live.livenessPassed()).isTrue();
        assertThat(live.framesCaptured()).isEqualTo(1);
        assertThat(live.analysis().quality().retake()).isFalse();
        JsonNode json = LivenessJson.mapper().readTree(LivenessJson.toJson(live));
        assertThat(json.has("challenges_completed")).isFalse();
        assertThat(json.has("pose_variation_score")).isFalse();
        assertThat(json.get("liveness_mode").asText()).isEqualTo("passive");
        assertThat(json.at("/analysis/quality/retake").asBoolean(true)).isFalse();

        assertThat(SCORER.scorePassive(SyntheticFace.neutral().live(0.44).frame()).livenessScore()).isEqualTo(75.0);
        assertThat(SCORER.scorePassive(SyntheticFace.neutral().live(0.3).frame()).livenessScore()).isEqualTo(51.1);

        LivenessResult dark = SCORER.scorePassive(SyntheticFace.neutral().live(0.93).flags(QualityFlag.TOO_DARK).frame());
        assertThat(dark.livenessScore()).isEqualTo(74.0);
        assertThat(dark.analysis().band()).isEqualTo(LivenessBand.REVIEW);
        assertThat(dark.analysis().quality().reasons()).containsExactly(GuidanceReason.TOO_DARK);

        LivenessResult spoof = SCORER.scorePassive(SyntheticFace.neutral().live(0.1).frame());
        assertThat(spoof.livenessPassed()).isFalse();
        assertThat(spoof.analysis().band()).isEqualTo(LivenessBand.SPOOF);
        assertThat(spoof.analysis().deductions()).extracting(Deduction::code).contains("texture_spoof");

        LivenessResult none = SCORER.scorePassive(new FrameAnalysis(10, 10, List.of()));
        assertThat(none.livenessScore()).isZero();
    }

    @Test
    void passivePhotoTheModelCannotJudgeAsksForARetakeInsteadOfAVerdict() throws Exception {
        // a small face that the model scores as a spoof: review band (needs_review), with the guidance reason
        LivenessResult small = SCORER.scorePassive(SyntheticFace.neutral().live(0.05).flags(QualityFlag.FACE_TOO_SMALL).frame());
        assertThat(small.livenessScore()).isEqualTo(50.0);
        assertThat(small.analysis().band()).isEqualTo(LivenessBand.REVIEW);
        assertThat(small.analysis().quality().retake()).isTrue();
        assertThat(small.analysis().quality().reasons()).containsExactly(GuidanceReason.FACE_TOO_SMALL);
        assertThat(small.analysis().deductions()).extracting(Deduction::code).contains("capture_quality");
        JsonNode json = LivenessJson.mapper().readTree(LivenessJson.toJson(small));
        assertThat(json.at("/analysis/quality/reasons/0").asText()).isEqualTo("face_too_small");

        LivenessResult turned = SCORER.scorePassive(SyntheticFace.neutral().yaw(40).live(0.99).frame());
        assertThat(turned.analysis().quality().reasons()).containsExactly(GuidanceReason.LOOK_STRAIGHT);
        assertThat(turned.livenessScore()).isEqualTo(74.0);
        assertThat(turned.livenessPassed()).isFalse();
        LivenessResult slightly = SCORER.scorePassive(SyntheticFace.neutral().yaw(20).live(0.99).frame());
        assertThat(slightly.analysis().quality().retake()).isFalse();
    }

    @Test
    void passiveIsNeverDecidedWithoutTheAntiSpoofingModel() {
        for (double live : new double[] {0.0, 0.5, 1.0}) {
            FaceObservation o = SyntheticFace.neutral().live(live).observation();
            // what the pipeline gives without the model: the classical estimate, no minifasnet cue
            FaceObservation noModel = new FaceObservation(o.box(), o.confidence(), o.landmarks(), o.pose(), o.eyes(),
                    o.smile(), o.expression(), new Texture(live, Map.of("lbp_spoof", 1 - live, "spoof_confident", 0.0)), o.quality());
            LivenessResult r = SCORER.scorePassive(new FrameAnalysis(640, 480, List.of(noModel)));
            assertThat(r.livenessScore()).isBetween(50.0, 74.0);
            assertThat(r.livenessPassed()).isFalse();
            assertThat(r.analysis().deductions()).extracting(Deduction::code).contains("anti_spoofing_model_missing");
        }
    }

    @Test
    void passiveFramedPictureStillDeclinesEvenWithPoorQuality() {
        FaceObservation o = SyntheticFace.neutral().live(0.0).flags(QualityFlag.BLURRED).observation();
        FaceObservation framed = new FaceObservation(o.box(), o.confidence(), o.landmarks(), o.pose(), o.eyes(),
                o.smile(), o.expression(), new Texture(0.0, Map.of("minifasnet", 0.9, "spoof_confident", 1.0)), o.quality());
        LivenessResult r = SCORER.scorePassive(new FrameAnalysis(640, 480, List.of(framed)));
        assertThat(r.livenessScore()).isZero();
        assertThat(r.analysis().band()).isEqualTo(LivenessBand.SPOOF);
    }
}
