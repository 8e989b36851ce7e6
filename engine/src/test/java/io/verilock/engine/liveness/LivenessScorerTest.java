package io.verilock.engine.liveness;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.QualityFlag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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
        assertThat(live.livenessScore()).isEqualTo(93.0);
        assertThat(live.livenessPassed()).isTrue();
        assertThat(live.framesCaptured()).isEqualTo(1);
        JsonNode json = LivenessJson.mapper().readTree(LivenessJson.toJson(live));
        assertThat(json.has("challenges_completed")).isFalse();
        assertThat(json.has("pose_variation_score")).isFalse();
        assertThat(json.get("liveness_mode").asText()).isEqualTo("passive");

        LivenessResult dark = SCORER.scorePassive(SyntheticFace.neutral().live(0.93).flags(QualityFlag.TOO_DARK).frame());
        assertThat(dark.livenessScore()).isEqualTo(74.0);
        assertThat(dark.analysis().band()).isEqualTo(LivenessBand.REVIEW);

        LivenessResult spoof = SCORER.scorePassive(SyntheticFace.neutral().live(0.1).frame());
        assertThat(spoof.livenessPassed()).isFalse();
        assertThat(spoof.analysis().deductions()).extracting(Deduction::code).contains("texture_spoof");

        LivenessResult none = SCORER.scorePassive(new FrameAnalysis(10, 10, List.of()));
        assertThat(none.livenessScore()).isZero();
    }
}
