package io.verilock.engine.simulate;

import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengeOutcome;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.ChallengeStatus;
import io.verilock.engine.liveness.AnalyzerLender;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.LivenessSession;
import io.verilock.engine.liveness.RecordedSequence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator judged by the engine itself, on the built-in subject (runs on a fresh clone). Frames go through
 * JPEG as they would from a camera. Measured figures are printed; the README quotes them.
 */
class SimulatorTest {
    private static final LivenessConfig CONFIG = LivenessConfig.defaults();
    private static FacePipeline pipeline;
    private static Subject3d subject;
    private static Simulator simulator;

    @BeforeAll
    static void open() throws Exception {
        pipeline = new FacePipeline(AnalyzerSettings.defaults());
        subject = Subject3d.from(Subjects.astronautPng(), pipeline, 640, 480);
        simulator = new Simulator(subject);
    }

    @AfterAll
    static void close() {
        subject.close();
        pipeline.close();
    }

    private static byte[] jpeg(Mat bgr) {
        MatOfByte b = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, b, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        byte[] out = b.toArray();
        b.release();
        return out;
    }

    @Test
    void engineYawFollowsTheRenderedYawAcrossPlusMinus35Degrees() throws Exception {
        List<Double> errors = new ArrayList<>();
        StringBuilder report = new StringBuilder("simulate yaw (truth -> engine):");
        for (int yaw = -35; yaw <= 35; yaw += 5) {
            for (double[] sway : new double[][] {{0, 0}, {3, -2}}) {
                FaceState s = new FaceState(yaw, sway[0], sway[1], 0, 0, 0, 0, "test", "test");
                Mat frame = simulator.renderer().render(s).bgr();
                FrameAnalysis a = pipeline.analyzeBytes(jpeg(frame));
                frame.release();
                assertThat(a.faces()).as("face at yaw %d", yaw).isNotEmpty();
                double measured = a.faces().get(0).pose().yaw();
                errors.add(measured - yaw);
                report.append(String.format(Locale.ROOT, " %d->%.1f", yaw, measured));
            }
        }
        double[] abs = errors.stream().mapToDouble(Math::abs).sorted().toArray();
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.println(report);
        System.out.printf(Locale.ROOT, "simulate yaw error over %d frames: mean %+.2f, median |e| %.2f, p90 |e| %.2f, max |e| %.2f%n",
                abs.length, mean, abs[abs.length / 2], abs[(int) Math.floor(0.9 * (abs.length - 1))], abs[abs.length - 1]);
        assertThat(abs[abs.length - 1]).as("largest yaw error (degrees)").isLessThanOrEqualTo(5.0);
    }

    /** Per-frame engine readings of one rendered sequence. */
    private record Readings(Timeline.Script script, List<FaceObservation> faces) {
        double eyes(int i) { return faces.get(i) == null ? Double.NaN : faces.get(i).eyes().mean(); }
        double smile(int i) { return faces.get(i) == null ? Double.NaN : faces.get(i).smile(); }
    }

    private static Readings read(List<Challenge> actions, double fps, long seed) throws Exception {
        List<FaceObservation> faces = new ArrayList<>();
        FrameAnalysis[] previous = {null};
        Timeline.Script script = simulator.run(actions, fps, Attack.NONE, seed, (bgr, truth) -> {
            FrameAnalysis a = pipeline.analyzeBytes(jpeg(bgr), previous[0]);
            previous[0] = a;
            faces.add(a.primary().orElse(null));
            return true;
        });
        return new Readings(script, faces);
    }

    @Test
    void blinksAndSmilesShowAtTheirGroundTruthFrames() throws Exception {
        Readings r = read(List.of(Challenge.BLINK, Challenge.SMILE), 15, 7);
        Timeline.Event lead = new Timeline.Event(null, 0, 0, r.script().events().get(0).start() - 1);
        double eyesNeutral = median(r, lead, true), smileNeutral = median(r, lead, false);
        Timeline.Event blink = r.script().events().get(0), smile = r.script().events().get(1);
        double eyesShut = Double.MAX_VALUE, smileTop = -1;
        int shutAt = -1, topAt = -1;
        for (int i = 0; i < r.faces().size(); i++) {
            if (r.eyes(i) < eyesShut) { eyesShut = r.eyes(i); shutAt = i; }
            if (r.smile(i) > smileTop) { smileTop = r.smile(i); topAt = i; }
        }
        System.out.printf(Locale.ROOT, "simulate blink: neutral eyes %.2f, lowest %.2f at frame %d (truth %d..%d, shut from %d)%n",
                eyesNeutral, eyesShut, shutAt, blink.start(), blink.end(), blink.peak());
        System.out.printf(Locale.ROOT, "simulate smile: neutral %.2f, highest %.2f at frame %d (truth %d..%d, full from %d)%n",
                smileNeutral, smileTop, topAt, smile.start(), smile.end(), smile.peak());
        assertThat(shutAt).as("frame of the lowest eye openness").isBetween(blink.start(), blink.end());
        assertThat(eyesShut).as("eye openness at the blink").isLessThan(CONFIG.blinkClosedRatio() * eyesNeutral);
        List<FaceState> truth = r.script().frames();
        int shutFrames = 0, smilingFrames = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).closure() < 0.99) continue; // every frame rendered fully shut must read shut
            shutFrames++;
            assertThat(r.eyes(i)).as("openness at shut frame %d", i).isLessThan(CONFIG.blinkClosedRatio() * eyesNeutral);
        }
        assertThat(shutFrames).isGreaterThanOrEqualTo(2);
        assertThat(topAt).as("frame of the highest smile").isBetween(smile.start(), smile.end());
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).smile() < 0.9) continue; // every frame rendered at (nearly) full smile must read smiling
            smilingFrames++;
            assertThat(r.smile(i) - smileNeutral).as("smile rise at frame %d", i).isGreaterThanOrEqualTo(CONFIG.smileRise());
        }
        assertThat(smilingFrames).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < truth.size(); i++) {
            if (!truth.get(i).action().equals("pause") && !truth.get(i).action().equals("neutral")) continue;
            assertThat(r.eyes(i)).as("openness at neutral frame %d", i).isGreaterThan(CONFIG.blinkReopenRatio() * eyesNeutral);
            assertThat(r.smile(i)).as("smile at neutral frame %d", i).isLessThanOrEqualTo(CONFIG.baselineMaxSmile());
        }
        assertThat(smileNeutral).as("neutral smile (baseline limit)").isLessThanOrEqualTo(CONFIG.baselineMaxSmile());
    }

    private static double median(Readings r, Timeline.Event range, boolean eyes) {
        double[] v = new double[range.end() - range.start() + 1];
        for (int i = range.start(); i <= range.end(); i++) v[i - range.start()] = eyes ? r.eyes(i) : r.smile(i);
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** Streams the rendered frames through a {@link LivenessSession}, the capture path the service runs, with the plan in the acted order. */
    private static LivenessResult verify(List<Challenge> order, Attack attack, double fps, long seed, List<ChallengeOutcome> outcomes) throws Exception {
        LivenessSession<Integer> session = new LivenessSession<>(ChallengePlan.fixed(order), CONFIG, AnalyzerLender.of(pipeline));
        long[] ts = {0};
        simulator.run(order, fps, attack, seed, (bgr, truth) -> {
            ts[0] = truth.timeMillis();
            session.accept(ts[0], jpeg(bgr), truth.index());
            return !session.guidance().finished();
        });
        session.abandon(ts[0]);
        outcomes.addAll(session.evidence().outcomes());
        return session.result();
    }

    @Test
    void theVerifierCompletesEveryChallengeInEveryOrderOfTheFour() throws Exception {
        List<List<Challenge>> orders = EvalSet.allOrders();
        assertThat(orders).hasSize(24);
        List<String> failures = new ArrayList<>();
        int completed = 0, passed = 0;
        for (int i = 0; i < orders.size(); i++) {
            List<ChallengeOutcome> outcomes = new ArrayList<>();
            LivenessResult r = verify(orders.get(i), Attack.NONE, 10, 100 + i, outcomes);
            long done = outcomes.stream().filter(o -> o.status() == ChallengeStatus.COMPLETED).count();
            completed += done == 4 ? 1 : 0;
            passed += r.livenessPassed() ? 1 : 0;
            System.out.printf(Locale.ROOT, "simulate order %s: %d/4 completed, score %.1f (%s)%n", orders.get(i), done,
                    r.livenessScore(), RecordedSequence.explain(r));
            if (done != 4) failures.add(orders.get(i) + ": " + RecordedSequence.explain(r));
        }
        System.out.printf(Locale.ROOT, "simulate orders: %d/24 fully completed; %d/24 rendered sequences pass the scorer (APCER animated_photo %.0f%%)%n",
                completed, passed, 100.0 * passed / orders.size());
        assertThat(failures).as("orders the verifier did not complete").isEmpty();
    }

    /**
     * Every attack fixture is declined, and each by the checks it is meant to meet: the printed and cut-out cards
     * show a neutral face (a baseline forms, so the turn, blink and planarity checks are reached), and the screen
     * replay, whose rendered subject performs every challenge, is stopped by the texture veto.
     */
    @Test
    void everyAttackFixtureIsDeclined() throws Exception {
        List<Challenge> order = List.of(Challenge.HEAD_LEFT, Challenge.BLINK, Challenge.SMILE, Challenge.HEAD_RIGHT);
        List<String> accepted = new ArrayList<>();
        for (Attack a : Attack.values()) {
            if (a == Attack.NONE) continue;
            List<ChallengeOutcome> outcomes = new ArrayList<>();
            LivenessResult r = verify(order, a, 10, 42, outcomes);
            List<String> codes = r.analysis().deductions().stream().map(d -> d.code()).toList();
            System.out.printf(Locale.ROOT, "simulate fixture %s: score %.1f, passed %s, declined by %s (%s)%n", a.code(), r.livenessScore(),
                    r.livenessPassed(), codes, RecordedSequence.explain(r));
            if (r.livenessPassed()) accepted.add(a.code());
            if (a == Attack.PRINT || a == Attack.CUTOUT) {
                assertThat(r.analysis().baseline()).as("%s: neutral baseline from the card", a.code()).isNotNull();
            }
            if (a == Attack.REPLAY) {
                assertThat(codes).as("replay: the screen is seen").contains("texture_spoof");
            }
        }
        assertThat(accepted).as("attack fixtures the scorer accepted").isEmpty();
    }
}
