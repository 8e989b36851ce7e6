package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Landmarks;
import io.verilock.engine.image.PixelFingerprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static io.verilock.engine.liveness.Challenge.SMILE;
import static org.assertj.core.api.Assertions.assertThat;

/** Repeated frames (frozen, looped feeds), steps between still pictures (photo decks), held smiles that dip. */
class FrameIntegrityTest {
    private static final LivenessConfig CONFIG = LivenessConfig.defaults();
    private final Random rnd = new Random(11);

    /** A fingerprint no other frame has (a live camera's frame, or a still resent with fresh noise). */
    private PixelFingerprint fresh() {
        byte[] b = new byte[PixelFingerprint.SIDE * PixelFingerprint.SIDE];
        rnd.nextBytes(b);
        return PixelFingerprint.fromBytes(b);
    }

    /** The face moved by dx pixels (all landmarks: a picture shifted, or a head translated), with its pixels. */
    private static FrameAnalysis at(SyntheticFace face, double dx, PixelFingerprint pixels) {
        FaceObservation o = face.observation();
        float[] xyz = o.landmarks().toArray();
        for (int i = 0; i < xyz.length; i += 3) xyz[i] += (float) dx;
        FaceObservation moved = new FaceObservation(o.box(), o.confidence(), new Landmarks(xyz), o.pose(), o.eyes(),
                o.smile(), o.expression(), o.texture(), o.quality());
        return new FrameAnalysis(SyntheticFace.WIDTH, SyntheticFace.HEIGHT, List.of(moved), 0, pixels);
    }

    private static double iod() {
        Landmarks l = SyntheticFace.neutral().observation().landmarks();
        return Math.hypot(l.x(263) - l.x(33), l.y(263) - l.y(33));
    }

    private static LivenessResult score(ChallengeVerifier<String> v) {
        return new LivenessScorer(CONFIG).score(v.evidence());
    }

    @Test
    void frozenFeedIsNoEvidenceAndDeclinedWithAReason() {
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        PixelFingerprint frozen = fresh();
        long ts = 0;
        for (int i = 0; i < 120 && !v.guidance().finished(); i++, ts += 100)
            v.accept(ts, at(SyntheticFace.neutral(), 0, frozen));
        // one frame of pixels cannot establish a baseline, however long it is shown
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.FAILED);
        assertThat(v.evidence().baseline()).isNull();
        assertThat(v.evidence().repeatedFrames()).isEqualTo(v.evidence().framesSeen() - 1);
        LivenessResult r = score(v);
        assertThat(r.livenessPassed()).isFalse();
        assertThat(r.analysis().deductions()).anyMatch(d -> d.code().equals("repeated_frames"));
    }

    @Test
    void loopedFeedRepeatsOlderFramesAndIsDeclined() {
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        PixelFingerprint[] loop = new PixelFingerprint[8];
        for (int i = 0; i < loop.length; i++) loop[i] = fresh();
        long ts = 0;
        for (int i = 0; i < 150 && !v.guidance().finished(); i++, ts += 100)
            v.accept(ts, at(SyntheticFace.neutral(), 0.001 * (i % 8), loop[i % 8]));
        v.abandon(ts);
        assertThat(v.evidence().repeatedFrames()).isGreaterThan(v.evidence().framesSeen() / 2);
        assertThat(score(v).analysis().deductions()).anyMatch(d -> d.code().equals("repeated_frames"));
    }

    @Test
    void anOccasionalDuplicateFrameOfALiveCameraIsHarmless() {
        // a camera delivering fewer frames than the SDK asks for repeats a frame now and then
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        Script s = new Script(10).neutral(12).act(SMILE);
        PixelFingerprint previous = null;
        for (int i = 0; i < s.frames.size() && !v.guidance().finished(); i++) {
            PixelFingerprint p = i % 7 == 3 && previous != null ? previous : fresh();
            FrameAnalysis f = s.frames.get(i);
            v.accept(s.ts(i), new FrameAnalysis(f.width(), f.height(), f.faces(), 0, p));
            previous = p;
        }
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
        assertThat(v.evidence().repeatedFrames()).isPositive();
        assertThat(score(v).livenessPassed()).isTrue();
    }

    /** Neutral photo for 1.5 s, then a smiling photo of the same person placed {@code jump} IODs away, held still. */
    private ChallengeVerifier<String> deck(double jump, double sway) {
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        double px = jump * iod();
        long ts = 0;
        for (int i = 0; i < 15; i++, ts += 100) v.accept(ts, at(SyntheticFace.neutral(), sway * iod() * Math.sin(i), fresh()));
        for (int i = 0; i < 100 && !v.guidance().finished(); i++, ts += 100)
            v.accept(ts, at(SyntheticFace.neutral().smile(0.8), px + sway * iod() * Math.sin(i + 15), fresh()));
        v.abandon(ts);
        return v;
    }

    @Test
    void aSmileReachedByASwapBetweenStillPicturesDoesNotCount() {
        var v = deck(0.1, 0.002);
        ChallengeOutcome smile = v.evidence().outcomes().get(0);
        assertThat(smile.completed()).isFalse();
        assertThat(smile.discontinuities()).isPositive();
        assertThat(smile.reason()).isEqualTo("discontinuous_motion");
        LivenessResult r = score(v);
        assertThat(r.livenessPassed()).isFalse();
        assertThat(r.analysis().deductions()).anyMatch(d -> d.code().equals("discontinuous_motion"));
        assertThat(r.analysis().challenges().get(0).reason()).isEqualTo("discontinuous_motion");
    }

    @Test
    void theSameJumpWithAMovingHeadAroundItCounts() {
        // a person who moves (0.03 IOD per 100 ms of sway) and shifts while smiling: a trajectory, not a step
        var v = deck(0.1, 0.03);
        assertThat(v.evidence().outcomes().get(0).completed()).isTrue();
        assertThat(score(v).livenessPassed()).isTrue();
    }

    @Test
    void aHeldSmileDippingOneFrameUnderItsFloorIsStillHeld() {
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        Script s = new Script(10).neutral(12);
        for (double sm : new double[] {0.6, 0.48, 0.6, 0.6, 0.6, 0.2, 0.1, 0.1}) s.add(SyntheticFace.neutral().smile(sm));
        s.run(v);
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
        // below the hold levels the smile ends
        var w = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(SMILE)), CONFIG);
        Script t = new Script(10).neutral(12);
        for (double sm : new double[] {0.6, 0.3, 0.6, 0.6, 0.2, 0.1, 0.1}) t.add(SyntheticFace.neutral().smile(sm));
        t.run(w);
        assertThat(w.guidance().state()).isEqualTo(GuidanceState.PROMPTING);
    }

    @Test
    void aBlinkIsJudgedAgainstTheEyesOwnOpenLevelAroundIt() {
        // eyes a little wider than at baseline before the blink; lowest frame 0.53 of baseline (> 0.5 of baseline,
        // < 0.5 of the 1.1 open level): a blink
        var v = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(Challenge.BLINK)), CONFIG);
        Script s = new Script(10).neutral(12);
        for (double e : new double[] {1.1, 1.1, 0.53, 1.1, 1.0}) s.add(SyntheticFace.neutral().eyes(e));
        s.run(v);
        assertThat(v.guidance().state()).isEqualTo(GuidanceState.DONE);
        // the same dip from the baseline level is only a narrowing
        var w = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(Challenge.BLINK)), CONFIG);
        Script t = new Script(10).neutral(12);
        for (double e : new double[] {1.0, 1.0, 0.53, 1.0, 1.0}) t.add(SyntheticFace.neutral().eyes(e));
        t.run(w);
        assertThat(w.guidance().state()).isEqualTo(GuidanceState.PROMPTING);
        // and a wink (one eye wide open at the lowest frame) never counts
        var x = new ChallengeVerifier<String>(ChallengePlan.fixed(List.of(Challenge.BLINK)), CONFIG);
        Script u = new Script(10).neutral(12);
        u.add(SyntheticFace.neutral()).add(SyntheticFace.neutral().eyes(0.0, 1.0)).add(SyntheticFace.neutral()).neutral(3);
        u.run(x);
        assertThat(x.guidance().state()).isEqualTo(GuidanceState.PROMPTING);
    }
}
