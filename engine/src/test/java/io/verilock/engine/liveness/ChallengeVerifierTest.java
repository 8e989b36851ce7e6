package io.verilock.engine.liveness;

import io.verilock.engine.face.QualityFlag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static io.verilock.engine.liveness.Challenge.BLINK;
import static io.verilock.engine.liveness.Challenge.HEAD_LEFT;
import static io.verilock.engine.liveness.Challenge.HEAD_RIGHT;
import static io.verilock.engine.liveness.Challenge.SMILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeVerifierTest {
    private static final LivenessConfig CONFIG = LivenessConfig.defaults();

    static ChallengeVerifier<String> verifier(Challenge... order) {
        return new ChallengeVerifier<>(ChallengePlan.fixed(List.of(order)), CONFIG);
    }

    static Script performed(double fps, List<Challenge> order) {
        Script s = new Script(fps).neutral(12);
        for (Challenge c : order) s.act(c);
        return s;
    }

    @Test
    void everyOrderOfTheFourCompletesInAProperSequence() {
        List<List<Challenge>> orders = permutations(List.of(HEAD_LEFT, HEAD_RIGHT, SMILE, BLINK));
        assertThat(orders).hasSize(24);
        for (List<Challenge> order : orders) {
            var v = performed(10, order).run(verifier(order.toArray(Challenge[]::new)));
            assertThat(v.guidance().state()).as("order %s", order).isEqualTo(GuidanceState.DONE);
            Evidence<String> e = v.evidence();
            assertThat(e.completedInOrder()).isEqualTo(order);
            assertThat(e.kept()).hasSizeBetween(8, 12);
            assertThat(e.outcomes()).allSatisfy(o -> assertThat(o.completedAtMillis()).isGreaterThan(o.promptedAtMillis()));
        }
    }

    @Test
    void promptsOneChallengeAtATimeWithProgress() {
        var v = verifier(SMILE, BLINK);
        Script s = new Script(10).neutral(12);
        Guidance g = null;
        for (int i = 0; i < s.frames.size(); i++) g = v.accept(s.ts(i), s.frames.get(i));
        assertThat(g.state()).isEqualTo(GuidanceState.PROMPTING);
        assertThat(g.prompt()).isEqualTo(SMILE);
        assertThat(g.completed()).isZero();
        assertThat(g.total()).isEqualTo(2);
        long t = s.ts(s.frames.size());
        for (double smile : new double[]{0.7, 0.8, 0.8, 0.8, 0.8, 0.2}) g = v.accept(t += 100, SyntheticFace.neutral().smile(smile).frame());
        assertThat(g.prompt()).isEqualTo(BLINK);
        assertThat(g.completed()).isEqualTo(1);
    }

    @Test
    void actionBeforeItsPromptCompletesNothing() {
        // plan blink then smile; the person smiles first (while blink is prompted), then blinks, then stays neutral
        var v = new Script(10).neutral(12).act(SMILE).act(BLINK).runToEnd(verifier(BLINK, SMILE));
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.FAILED);
        assertThat(v.evidence().completedInOrder()).containsExactly(BLINK);
        assertThat(v.evidence().stopReason()).isEqualTo(GuidanceReason.CHALLENGE_TIMEOUT);
    }

    @Test
    void outOfOrderTurnsCompleteOnlyThePromptedOne() {
        var v = new Script(10).neutral(12).act(HEAD_LEFT).act(HEAD_RIGHT).runToEnd(verifier(HEAD_RIGHT, HEAD_LEFT));
        assertThat(v.evidence().completedInOrder()).containsExactly(HEAD_RIGHT);
        ChallengeOutcome left = v.evidence().outcomes().get(1);
        assertThat(left.status()).isEqualTo(ChallengeStatus.TIMED_OUT);
    }

    @Test
    void turningTheWrongWayIsReportedAndDoesNotCount() {
        var v = verifier(HEAD_LEFT);
        Script s = new Script(10).neutral(12).act(HEAD_RIGHT);
        List<GuidanceReason> reasons = new ArrayList<>();
        for (int i = 0; i < s.frames.size(); i++) reasons.add(v.accept(s.ts(i), s.frames.get(i)).reason());
        assertThat(reasons).contains(GuidanceReason.WRONG_DIRECTION);
        assertThat(v.guidance().completed()).isZero();
    }

    @Test
    void actionsHeldThroughTheWholeSequenceCompleteNothing() {
        SyntheticFace[] held = {SyntheticFace.neutral().smile(0.85), SyntheticFace.neutral().eyes(0.05),
                SyntheticFace.neutral().yaw(-35), SyntheticFace.neutral().yaw(30)};
        for (SyntheticFace f : held) {
            var v = new Script(10).hold(200, f).run(verifier(HEAD_LEFT, HEAD_RIGHT, SMILE, BLINK));
            assertThat(v.guidance().state()).as("%s", f).isEqualTo(GuidanceState.FAILED);
            assertThat(v.evidence().stopReason()).isEqualTo(GuidanceReason.BASELINE_TIMEOUT);
            assertThat(v.evidence().completedInOrder()).isEmpty();
            assertThat(v.evidence().baseline()).isNull();
        }
    }

    @Test
    void aSmileAlreadyHeldWhenPromptedDoesNotCount() {
        // neutral baseline, blink done, but the smile started before its prompt and never relaxes
        SyntheticFace smiling = SyntheticFace.neutral().smile(0.85);
        Script s = new Script(10).neutral(12).add(SyntheticFace.neutral()).add(smiling.eyes(0.1)).hold(100, smiling);
        var v = s.run(verifier(BLINK, SMILE));
        assertThat(v.evidence().completedInOrder()).containsExactly(BLINK);
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.FAILED);
    }

    @Test
    void missingActionsTimeOut() {
        var v = new Script(10).neutral(200).run(verifier(SMILE));
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.FAILED);
        assertThat(v.guidance().reason()).isEqualTo(GuidanceReason.CHALLENGE_TIMEOUT);
        ChallengeOutcome o = v.evidence().outcomes().get(0);
        assertThat(o.completedAtMillis()).isNull();
        assertThat(o.status()).isEqualTo(ChallengeStatus.TIMED_OUT);
    }

    @Test
    void laterChallengesAfterATimeoutAreNotPrompted() {
        var v = new Script(10).neutral(200).run(verifier(SMILE, BLINK));
        assertThat(v.evidence().outcomes()).extracting(ChallengeOutcome::status)
                .containsExactly(ChallengeStatus.TIMED_OUT, ChallengeStatus.NOT_PROMPTED);
    }

    @Test
    void aQuickBlinkSeenInOneHalfClosedFrameAt10FpsIsCaught() {
        SyntheticFace n = SyntheticFace.neutral();
        var v = new Script(10).neutral(12).add(n).add(n.eyes(0.42)).add(n).run(verifier(BLINK));
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
        assertThat(v.evidence().kept()).extracting(KeptFrame::why)
                .contains(KeepReason.EYES_CLOSED, KeepReason.EYES_REOPENED);
    }

    @Test
    void aBlinkReadAsymmetricallyOnATurnedFaceCounts() {
        // measured on FG-NET franck at yaw -14: one eye reads 0.73-0.85 mid-blink, the other 0.08-0.21
        SyntheticFace n = SyntheticFace.neutral().yaw(-14);
        var v = new Script(10).hold(12, n).add(n).add(n.eyes(0.73, 0.08)).add(n).run(verifier(BLINK));
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
    }

    @Test
    void aDeliberateTwoSecondClosureCounts() {
        SyntheticFace n = SyntheticFace.neutral();
        var v = new Script(10).neutral(12).add(n).hold(20, n.eyes(0.05)).add(n).run(verifier(BLINK));
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
    }

    @Test
    void aWinkOrAShallowNarrowingIsNotABlink() {
        SyntheticFace n = SyntheticFace.neutral();
        var v = new Script(10).neutral(12).add(n).add(n.eyes(0.05, 1)).add(n).add(n.eyes(0.6)).add(n)
                .runToEnd(verifier(BLINK));
        assertThat(v.evidence().completedInOrder()).isEmpty();
    }

    @Test
    void aTalkingSpikeIsNotASmile() {
        // d13: the smile measure jumps to 0.7-0.8 for ~300 ms while talking; a smile must be held 400 ms
        SyntheticFace n = SyntheticFace.neutral();
        var talk = new Script(10).neutral(12).add(n).hold(3, n.smile(0.8)).add(n).hold(3, n.smile(0.75)).add(n)
                .runToEnd(verifier(SMILE));
        assertThat(talk.evidence().completedInOrder()).isEmpty();
        var held = new Script(10).neutral(12).add(n).hold(5, n.smile(0.8)).run(verifier(SMILE));
        assertThat(held.evidence().completedInOrder()).containsExactly(SMILE);
    }

    @Test
    void smileIsMeasuredAgainstTheSubjectsOwnBaseline() {
        // a cheerful resting face (0.3) must rise by 0.3: 0.55 is not enough, 0.7 is
        SyntheticFace rest = SyntheticFace.neutral().smile(0.3);
        var v = new Script(10).hold(12, rest).add(rest).hold(3, rest.smile(0.55)).add(rest).runToEnd(verifier(SMILE));
        assertThat(v.evidence().completedInOrder()).isEmpty();
        var w = new Script(10).hold(12, rest).add(rest).hold(6, rest.smile(0.7)).run(verifier(SMILE));
        assertThat(w.evidence().completedInOrder()).containsExactly(SMILE);
    }

    @Test
    void aHeadTurnIsMeasuredFromTheBaselineAndNeedsAReturn() {
        SyntheticFace rest = SyntheticFace.neutral().yaw(10); // subject habitually a little turned
        // -15 absolute is only 25 from baseline... enough; -8 absolute (18 from baseline) is not
        var shallow = new Script(10).hold(12, rest).add(rest).hold(3, rest.yaw(-8)).add(rest)
                .runToEnd(verifier(HEAD_LEFT));
        assertThat(shallow.evidence().completedInOrder()).isEmpty();
        var noReturn = new Script(10).hold(12, rest).add(rest).hold(200, rest.yaw(-20)).run(verifier(HEAD_LEFT));
        assertThat(noReturn.evidence().completedInOrder()).isEmpty();
        // a head reaches -15 through -2 and comes back through -2 (one jump between still frames would be a swap)
        var ok = new Script(10).hold(12, rest).add(rest).add(rest.yaw(-2)).hold(3, rest.yaw(-15)).add(rest.yaw(-2))
                .add(rest).run(verifier(HEAD_LEFT));
        assertThat(ok.evidence().completedInOrder()).containsExactly(HEAD_LEFT);
    }

    @Test
    void guidanceNamesWhatIsWrong() {
        var v = verifier(HEAD_LEFT);
        assertThat(v.accept(0, SyntheticFace.noFace()).reason()).isEqualTo(GuidanceReason.NO_FACE);
        assertThat(v.accept(100, SyntheticFace.twoFaces()).reason()).isEqualTo(GuidanceReason.SEVERAL_FACES);
        assertThat(v.accept(200, SyntheticFace.neutral().flags(QualityFlag.FACE_TOO_SMALL).frame()).reason())
                .isEqualTo(GuidanceReason.FACE_TOO_SMALL);
        assertThat(v.accept(300, SyntheticFace.neutral().flags(QualityFlag.TOO_DARK).frame()).reason())
                .isEqualTo(GuidanceReason.TOO_DARK);
        assertThat(v.accept(400, SyntheticFace.neutral().yaw(30).frame()).reason()).isEqualTo(GuidanceReason.LOOK_STRAIGHT);
        assertThat(v.accept(500, SyntheticFace.neutral().smile(0.8).frame()).reason()).isEqualTo(GuidanceReason.RELAX_FACE);
        long t = 600;
        for (int i = 0; i < 10; i++) v.accept(t += 100, SyntheticFace.neutral().frame());
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.PROMPTING);
        assertThat(v.accept(t += 100, SyntheticFace.neutral().yaw(-12).frame()).reason()).isEqualTo(GuidanceReason.TURN_FURTHER);
        assertThat(v.accept(t += 100, SyntheticFace.neutral().yaw(-30).frame()).reason()).isEqualTo(GuidanceReason.TURN_BACK);
        assertThat(v.accept(t + 100, SyntheticFace.neutral().frame()).state()).isEqualTo(GuidanceState.DONE);
    }

    @Test
    void aMovingHeadDuringBaselineIsAskedToHoldStill() {
        var v = verifier(SMILE);
        List<GuidanceReason> reasons = new ArrayList<>();
        double[] yaws = {0, 8, -6, 9, -7, 8, -8, 7};
        for (int i = 0; i < yaws.length; i++) reasons.add(v.accept(i * 100L, SyntheticFace.neutral().yaw(yaws[i]).frame()).reason());
        assertThat(reasons).contains(GuidanceReason.HOLD_STILL);
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.BASELINE);
    }

    @Test
    void anIsolatedBlurredFrameDoesNotRestartTheBaseline() {
        SyntheticFace n = SyntheticFace.neutral();
        var v = verifier(SMILE);
        long t = 0;
        for (int i = 0; i < 4; i++) v.accept(t += 100, n.frame());
        assertThat(v.accept(t += 100, n.flags(QualityFlag.BLURRED).frame()).reason()).isEqualTo(GuidanceReason.HOLD_STILL);
        for (int i = 0; i < 2; i++) v.accept(t += 100, n.frame());
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.PROMPTING); // 0.6 s spanned across the blurred frame
    }

    @Test
    void shortPlansKeepMoreBaselineFramesAndCarryFrameHandles() {
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        Script s = new Script(10).neutral(12).act(SMILE);
        for (int i = 0; i < s.frames.size() && !v.guidance().finished(); i++) v.accept(s.ts(i), s.frames.get(i), "f" + i);
        Evidence<String> e = v.evidence();
        assertThat(e.kept()).hasSizeBetween(8, 12);
        assertThat(e.kept()).allSatisfy(k -> assertThat(k.frame()).startsWith("f"));
        assertThat(e.kept().stream().filter(k -> k.why() == KeepReason.BASELINE).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void abandonEndsTheSequence() {
        var v = new Script(10).neutral(14).run(verifier(SMILE, BLINK));
        Guidance g = v.abandon(5000);
        assertThat(g.state()).isEqualTo(GuidanceState.FAILED);
        assertThat(v.evidence().outcomes()).extracting(ChallengeOutcome::status)
                .containsExactly(ChallengeStatus.ABANDONED, ChallengeStatus.NOT_PROMPTED);
    }

    @Test
    void framesMustNotGoBackInTime() {
        var v = verifier(SMILE);
        v.accept(1000, SyntheticFace.neutral().frame());
        assertThatThrownBy(() -> v.accept(900, SyntheticFace.neutral().frame())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomPlansUseTheSubsetInVaryingOrders() {
        var seen = new java.util.HashSet<List<Challenge>>();
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) seen.add(ChallengePlan.random(EnumSet.of(HEAD_LEFT, SMILE, BLINK), r).order());
        assertThat(seen).hasSize(6);
        assertThat(ChallengePlan.randomAll().order()).containsExactlyInAnyOrder(Challenge.values());
        assertThatThrownBy(() -> ChallengePlan.fixed(List.of(SMILE, SMILE))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Challenge.fromCode(" Head_Left ")).isEqualTo(HEAD_LEFT);
    }

    static List<List<Challenge>> permutations(List<Challenge> items) {
        if (items.isEmpty()) return List.of(List.of());
        List<List<Challenge>> out = new ArrayList<>();
        for (Challenge c : items) {
            List<Challenge> rest = new ArrayList<>(items);
            rest.remove(c);
            for (List<Challenge> p : permutations(rest)) {
                List<Challenge> l = new ArrayList<>();
                l.add(c);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }
}
