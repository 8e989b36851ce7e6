package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.QualityFlag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a session's prompted challenges were performed. One instance per session, fed frames in time
 * order; not thread-safe (a session's frames arrive on one channel).
 *
 * <p>Sequence: a baseline window of still, frontal, open-eyed, non-smiling frames establishes the subject's neutral
 * face; then each challenge is prompted at the timestamp of the frame that completed the previous step and must be
 * completed by a later frame within {@code challengeTimeoutMillis}. Prompting right after the previous completion is
 * also what makes replaying a recorded sequence work: a recorded person acts on their own schedule, so their next
 * action is judged from the moment the previous one was recognised. A timeout ends the sequence as failed.
 *
 * <p>Frames with several faces are ignored (the guidance says so); frames too small or too dark are not used for
 * actions because their measures are unreliable. Blurred frames are used for actions (a turning head blurs); during
 * the baseline a blurred frame is skipped without restarting the window (an isolated smeared webcam frame had reset
 * the baseline of a real person on the replay-pair-zubair clip).
 *
 * @param <T> the caller's handle on each frame's encoded image, carried into {@link KeptFrame}
 */
public final class ChallengeVerifier<T> {
    private static final Set<QualityFlag> UNRELIABLE = Set.of(QualityFlag.FACE_TOO_SMALL, QualityFlag.TOO_DARK);

    private record Sample<T>(long ts, FaceObservation o, T frame) {}

    private final ChallengePlan plan;
    private final LivenessConfig config;
    private final Deque<Sample<T>> window = new ArrayDeque<>();
    private final List<ChallengeOutcome> finished = new ArrayList<>();
    private final List<KeptFrame<T>> kept = new ArrayList<>();
    private GuidanceState state = GuidanceState.BASELINE;
    private GuidanceReason stopReason;
    private Baseline baseline;
    private ActionDetector<T> current;
    private Long startedAt;
    private long lastTs = Long.MIN_VALUE;
    private int framesSeen, noFace, severalFaces, repeated;
    private final FrameRepeats repeats = new FrameRepeats();
    private final MotionTrack motion = new MotionTrack();
    /** Transitions at or before this time were already judged a discontinuity for the current challenge. */
    private long judgedFrom = Long.MIN_VALUE;
    private Guidance last;

    public ChallengeVerifier(ChallengePlan plan, LivenessConfig config) {
        this.plan = plan;
        this.config = config;
        this.last = new Guidance(state, null, 0, plan.size(), null, config.baselineTimeoutMillis());
    }

    /** Feeds a frame without an image handle (tests, or when the caller keeps images itself by timestamp). */
    public Guidance accept(long timestampMillis, FrameAnalysis analysis) {
        return accept(timestampMillis, analysis, null);
    }

    /**
     * Feeds the next frame.
     *
     * @param timestampMillis capture time; must not go backwards
     * @param analysis        the analyzer's output for the frame
     * @param frame           the caller's handle on the encoded frame, kept if the frame becomes evidence
     * @return what to show the subject now; once {@link Guidance#finished()}, call {@link #evidence()}
     */
    public Guidance accept(long timestampMillis, FrameAnalysis analysis, T frame) {
        if (timestampMillis < lastTs)
            throw new IllegalArgumentException("frames must arrive in time order: " + timestampMillis + " < " + lastTs);
        lastTs = timestampMillis;
        if (state.finished()) return last;
        framesSeen++;
        if (startedAt == null) startedAt = timestampMillis;
        // A frame repeating an earlier one (a frozen or looped feed) is no new evidence: timeouts run on, nothing else.
        boolean repeat = analysis.pixels() != null && repeats.seen(analysis.pixels(), config.repeatMaxDistance());
        if (repeat) repeated++;
        last = state == GuidanceState.BASELINE ? baselineStep(timestampMillis, analysis, frame, repeat)
                : promptStep(timestampMillis, analysis, frame, repeat);
        return last;
    }

    public ChallengePlan plan() { return plan; }

    public LivenessConfig config() { return config; }

    /** The latest guidance (before any frame: the baseline request). */
    public Guidance guidance() { return last; }

    /**
     * Ends the sequence now, e.g. when the client disconnects or the session deadline passes; a pending baseline or
     * challenge counts as abandoned. Does nothing once finished.
     */
    public Guidance abandon(long timestampMillis) {
        if (state.finished()) return last;
        if (current != null) {
            finished.add(current.outcome(ChallengeStatus.ABANDONED));
            kept.addAll(current.kept());
        }
        current = null;
        return stop(GuidanceReason.ABANDONED);
    }

    /** The evidence so far; complete once the guidance is finished. */
    public Evidence<T> evidence() {
        List<ChallengeOutcome> outcomes = new ArrayList<>(finished);
        if (current != null) outcomes.add(current.outcome(ChallengeStatus.ABANDONED));
        for (int i = outcomes.size(); i < plan.size(); i++) outcomes.add(ChallengeOutcome.notPrompted(plan.get(i)));
        List<KeptFrame<T>> frames = new ArrayList<>(kept);
        if (current != null) frames.addAll(current.kept());
        frames.sort(Comparator.comparingLong(KeptFrame::timestampMillis));
        return new Evidence<>(plan, config, state, stopReason, baseline, outcomes, frames, framesSeen, noFace,
                severalFaces, repeated);
    }

    /**
     * The handles of every frame that may still end up in the evidence: the baseline window's, the current
     * challenge's candidates and those already kept. A frame is held from its own {@link #accept} or never.
     */
    public java.util.Set<T> held() {
        java.util.Set<T> out = new java.util.HashSet<>();
        for (Sample<T> s : window) out.add(s.frame());
        if (current != null) for (KeptFrame<T> k : current.kept()) out.add(k.frame());
        for (KeptFrame<T> k : kept) out.add(k.frame());
        out.remove(null);
        return out;
    }

    private Guidance baselineStep(long ts, FrameAnalysis analysis, T frame, boolean repeat) {
        long remaining = config.baselineTimeoutMillis() - (ts - startedAt);
        if (remaining < 0) return stop(GuidanceReason.BASELINE_TIMEOUT);
        if (repeat) return guidance(last.reason(), remaining);
        GuidanceReason problem = faceProblem(analysis);
        FaceObservation o = problem == null ? analysis.faces().get(0) : null;
        if (o != null && o.quality().flags().equals(List.of(QualityFlag.BLURRED)))
            return guidance(GuidanceReason.HOLD_STILL, remaining); // one smeared frame: skip it, keep the window
        if (problem == null) problem = neutralProblem(o);
        if (problem != null) {
            window.clear();
            return guidance(problem, remaining);
        }
        motion.add(ts, o.landmarks());
        window.addLast(new Sample<>(ts, o, frame));
        boolean trimmed = false;
        while (yawSpread() > config.baselineMaxYawSpreadDeg()) {
            window.removeFirst();
            trimmed = true;
        }
        Sample<T> first = window.peekFirst();
        if (window.size() >= config.baselineMinFrames() && ts - first.ts() >= config.baselineMinMillis()) {
            establishBaseline(ts);
            return guidance(null, config.challengeTimeoutMillis());
        }
        return guidance(trimmed ? GuidanceReason.HOLD_STILL : null, remaining);
    }

    private Guidance promptStep(long ts, FrameAnalysis analysis, T frame, boolean repeat) {
        long remaining = config.challengeTimeoutMillis() - (ts - current.promptedAt);
        if (remaining < 0) {
            finished.add(current.outcome(ChallengeStatus.TIMED_OUT));
            kept.addAll(current.kept());
            current = null;
            return stop(GuidanceReason.CHALLENGE_TIMEOUT);
        }
        if (repeat) return guidance(last.reason(), remaining);
        GuidanceReason problem = faceProblem(analysis);
        if (problem != null) return guidance(problem, remaining);
        FaceObservation o = analysis.faces().get(0);
        motion.add(ts, o.landmarks());
        GuidanceReason unreliable = o.quality().flags().stream().filter(UNRELIABLE::contains).findFirst()
                .map(GuidanceReason::of).orElse(null);
        if (unreliable != null) return guidance(unreliable, remaining);
        if (ts <= current.promptedAt) return guidance(null, remaining); // same instant as the prompt: not "after" it
        GuidanceReason hint = current.observe(ts, o, frame);
        if (!current.complete()) return guidance(hint, remaining);
        // The action must have been reached through the motion of a live head, not a step between still pictures.
        MotionTrack.Verdict v = motion.judge(Math.max(judgedFrom, current.promptedAt), ts, config);
        if (v.discontinuous()) {
            ActionDetector<T> again = ActionDetector.of(current.challenge, baseline, config, current.promptedAt);
            again.discontinuities = current.discontinuities + 1;
            again.motion = v;
            current = again;
            judgedFrom = ts;
            return guidance(GuidanceReason.DISCONTINUOUS_MOTION, remaining);
        }
        current.motion = v;
        judgedFrom = Long.MIN_VALUE;
        finished.add(current.outcome(ChallengeStatus.COMPLETED));
        kept.addAll(current.kept());
        int next = finished.size();
        if (next == plan.size()) {
            current = null;
            state = GuidanceState.DONE;
            return guidance(null, 0);
        }
        current = ActionDetector.of(plan.get(next), baseline, config, ts);
        return guidance(null, config.challengeTimeoutMillis());
    }

    private GuidanceReason faceProblem(FrameAnalysis analysis) {
        if (analysis.faces().isEmpty()) {
            noFace++;
            return GuidanceReason.NO_FACE;
        }
        if (analysis.faces().size() > 1 || analysis.faces().get(0).quality().flags().contains(QualityFlag.SEVERAL_FACES)) {
            severalFaces++;
            return GuidanceReason.SEVERAL_FACES;
        }
        return null;
    }

    /** Why this face cannot be part of the neutral baseline, or null. */
    private GuidanceReason neutralProblem(FaceObservation o) {
        if (!o.quality().ok()) return GuidanceReason.of(o.quality().flags().get(0));
        if (Math.abs(o.pose().yaw()) > config.baselineMaxYawDeg()
                || Math.abs(o.pose().pitch()) > config.baselineMaxPitchDeg()) return GuidanceReason.LOOK_STRAIGHT;
        if (o.eyes().mean() < config.baselineMinEyeOpenness()) return GuidanceReason.OPEN_EYES;
        if (o.smile() > config.baselineMaxSmile()) return GuidanceReason.RELAX_FACE;
        return null;
    }

    private double yawSpread() {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Sample<T> s : window) {
            min = Math.min(min, s.o().pose().yaw());
            max = Math.max(max, s.o().pose().yaw());
        }
        return max - min;
    }

    private void establishBaseline(long ts) {
        List<Sample<T>> samples = new ArrayList<>(window);
        baseline = new Baseline(
                median(samples.stream().mapToDouble(s -> s.o().pose().yaw()).toArray()),
                median(samples.stream().mapToDouble(s -> s.o().pose().pitch()).toArray()),
                median(samples.stream().mapToDouble(s -> s.o().eyes().mean()).toArray()),
                median(samples.stream().mapToDouble(s -> s.o().smile()).toArray()),
                samples.size(), ts);
        // Short plans leave room for more baseline frames, so the evidence stays at about targetFrames.
        int want = Math.max(config.minBaselineFrames(), config.targetFrames() - 2 * plan.size());
        for (int i : evenlySpaced(samples.size(), want)) {
            Sample<T> s = samples.get(i);
            kept.add(new KeptFrame<>(s.ts(), KeepReason.BASELINE, null, s.o(), s.frame()));
        }
        window.clear();
        state = GuidanceState.PROMPTING;
        current = ActionDetector.of(plan.get(0), baseline, config, ts);
    }

    static int[] evenlySpaced(int n, int want) {
        int k = Math.min(n, want);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = k == 1 ? n - 1 : (int) Math.round(i * (n - 1) / (double) (k - 1));
        return idx;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private Guidance stop(GuidanceReason reason) {
        state = GuidanceState.FAILED;
        stopReason = reason;
        window.clear();
        return guidance(reason, 0);
    }

    private Guidance guidance(GuidanceReason reason, long remaining) {
        Challenge prompt = state == GuidanceState.PROMPTING ? current.challenge : null;
        return new Guidance(state, prompt, finished.stream().filter(ChallengeOutcome::completed).mapToInt(x -> 1).sum(),
                plan.size(), reason, Math.max(0, remaining));
    }
}
