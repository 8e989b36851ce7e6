package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.StreamedFrame;
import io.verilock.engine.face.Texture;
import io.verilock.engine.image.ImageInputException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.verilock.engine.liveness.Challenge.BLINK;
import static io.verilock.engine.liveness.Challenge.HEAD_LEFT;
import static io.verilock.engine.liveness.Challenge.HEAD_RIGHT;
import static io.verilock.engine.liveness.Challenge.SMILE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capture path: frames in, guidance out, texture measured once on each held frame from the pixels the analyzer
 * already has (the fake counts decodes, streamed analyses and texture measurements), the decision at the end.
 */
class LivenessSessionTest {
    private static final LivenessConfig CONFIG = LivenessConfig.defaults();

    /** "Encoded" frames are a 4-byte index into a script; texture is measured only on request. */
    static final class CountingAnalyzer implements FaceAnalyzer {
        final List<FrameAnalysis> script;
        final double live;
        final AtomicInteger streamed = new AtomicInteger(), textures = new AtomicInteger(), full = new AtomicInteger();
        final AtomicInteger held = new AtomicInteger();
        final List<FrameAnalysis> previousSeen = new ArrayList<>();

        CountingAnalyzer(List<FrameAnalysis> script, double live) {
            this.script = script;
            this.live = live;
        }

        static byte[] frame(int i) { return ByteBuffer.allocate(4).putInt(i).array(); }

        @Override
        public StreamedFrame stream(byte[] encoded, FrameAnalysis previous) {
            streamed.incrementAndGet();
            previousSeen.add(previous);
            FrameAnalysis a = withoutTexture(script.get(ByteBuffer.wrap(encoded).getInt()));
            return new StreamedFrame() {
                @Override
                public FrameAnalysis analysis() { return a; }

                @Override
                public Texture texture(FaceObservation face) {
                    assertThat(a.faces()).as("texture asked for a face of this frame").contains(face);
                    textures.incrementAndGet();
                    return new Texture(live, Map.of("counted", live));
                }

                @Override
                public void close() {}
            };
        }

        private static FrameAnalysis withoutTexture(FrameAnalysis a) {
            return new FrameAnalysis(a.width(), a.height(),
                    a.faces().stream().map(f -> f.withTexture(Texture.NOT_MEASURED)).toList(), a.framesSinceDetection());
        }

        @Override
        public FrameAnalysis analyzeFile(Path file, FrameAnalysis previous) { throw new AssertionError("no file here"); }

        @Override
        public FrameAnalysis analyzeBytes(byte[] encoded, FrameAnalysis previous) {
            full.incrementAndGet();
            throw new AssertionError("a capture never analyses a frame in full");
        }

        @Override
        public void close() {}
    }

    private static Script person(Challenge... order) {
        Script s = new Script(10).neutral(8);
        for (Challenge c : order) s.act(c);
        return s;
    }

    private static LivenessSession<Integer> run(CountingAnalyzer a, Challenge... order) throws ImageInputException {
        LivenessSession<Integer> session = new LivenessSession<>(ChallengePlan.fixed(List.of(order)), CONFIG, AnalyzerLender.of(a));
        Script s = new Script(10);
        for (int i = 0; i < a.script.size() && !session.guidance().finished(); i++) {
            if (session.accept(s.ts(i), CountingAnalyzer.frame(i), i).held()) a.held.incrementAndGet();
        }
        if (!session.guidance().finished()) session.abandon(s.ts(a.script.size()));
        return session;
    }

    @Test
    void aPersonPassesAndOnlyHeldFramesHaveTheirTextureMeasuredOnce() throws Exception {
        Challenge[] order = {HEAD_LEFT, BLINK, SMILE, HEAD_RIGHT};
        CountingAnalyzer a = new CountingAnalyzer(person(order).frames, 0.9);
        LivenessSession<Integer> session = run(a, order);

        LivenessResult r = session.result();
        assertThat(r.livenessPassed()).as(RecordedSequence.explain(r)).isTrue();
        assertThat(r.decision()).isEqualTo(LivenessDecision.PASS);
        assertThat(a.full.get()).isZero();
        assertThat(a.streamed.get()).isEqualTo(session.frames());
        List<KeptFrame<Integer>> kept = session.evidence().kept();
        assertThat(kept).hasSizeBetween(8, 12);
        assertThat(kept).allSatisfy(k -> assertThat(k.observation().texture().live()).isEqualTo(0.9));
        // every kept frame measured; only frames held on arrival (candidates), each once
        assertThat(a.textures.get()).isEqualTo(a.held.get()).isGreaterThanOrEqualTo(kept.size()).isLessThan(session.frames());
        assertThat(r.analysis().texture().medianLive()).isEqualTo(0.9);
        // each frame is tracked from the one before
        assertThat(a.previousSeen.get(0)).isNull();
        assertThat(a.previousSeen.subList(1, a.previousSeen.size())).doesNotContainNull();
    }

    @Test
    void aConfidentTextureSpoofOnTheKeptFramesIsDeclined() throws Exception {
        Challenge[] order = {HEAD_LEFT, BLINK, SMILE, HEAD_RIGHT};
        CountingAnalyzer a = new CountingAnalyzer(person(order).frames, 0.05);
        LivenessResult r = run(a, order).result();
        assertThat(r.analysis().deductions()).extracting(Deduction::code).contains("texture_spoof");
        assertThat(r.livenessScore()).isLessThanOrEqualTo(49);
        assertThat(r.decision()).isEqualTo(LivenessDecision.FAIL);
    }

    @Test
    void aTimedOutChallengeFailsWithItsReason() throws Exception {
        Script s = new Script(10).neutral(8);
        s.neutral(100); // nobody turns
        CountingAnalyzer a = new CountingAnalyzer(s.frames, 0.9);
        LivenessResult r = run(a, HEAD_LEFT, BLINK).result();
        assertThat(r.decision()).isEqualTo(LivenessDecision.FAIL);
        assertThat(r.failure()).isEqualTo("challenge_timeout");
    }

    @Test
    void framesRacingForOneSessionAreProcessedOneAtATimeInClockOrder() throws Exception {
        Challenge[] order = {HEAD_LEFT, BLINK};
        List<FrameAnalysis> frames = person(order).frames;
        CountingAnalyzer a = new CountingAnalyzer(frames, 0.9);
        LivenessSession<Integer> session = new LivenessSession<>(ChallengePlan.fixed(List.of(order)), CONFIG, AnalyzerLender.of(a));
        AtomicInteger clock = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                for (int i = offset; i < frames.size(); i += 4) {
                    try {
                        // the capture time is read inside the session's lock: it can never go backwards
                        session.accept(() -> clock.getAndAdd(100), CountingAnalyzer.frame(i), i);
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) t.join();
        assertThat(errors).isEmpty();
        assertThat(session.frames()).isEqualTo(frames.size());
    }

    @Test
    void theReviewBandIsTheEnginesAndAFailedSequenceIsNeverReviewed() {
        LivenessConfig c = LivenessConfig.defaults();
        assertThat(c.reviewFloor()).isEqualTo(50);
        assertThat(decision(74.9, c, GuidanceState.DONE)).isEqualTo(LivenessDecision.REVIEW);
        assertThat(decision(50, c, GuidanceState.DONE)).isEqualTo(LivenessDecision.REVIEW);
        assertThat(decision(49.9, c, GuidanceState.DONE)).isEqualTo(LivenessDecision.FAIL);
        assertThat(decision(60, c, GuidanceState.FAILED)).isEqualTo(LivenessDecision.FAIL);
        assertThat(decision(75, c, GuidanceState.DONE)).isEqualTo(LivenessDecision.PASS);
        // a threshold under the floor leaves no review band
        LivenessConfig low = c.withThreshold(40);
        assertThat(decision(39, low, GuidanceState.DONE)).isEqualTo(LivenessDecision.FAIL);
        assertThat(decision(40, low, GuidanceState.DONE)).isEqualTo(LivenessDecision.PASS);
    }

    private static LivenessDecision decision(double score, LivenessConfig c, GuidanceState state) {
        LivenessAnalysis a = new LivenessAnalysis(LivenessBand.of(score), state, null, List.of(), null, List.of(),
                List.of(), null, null, List.of(), List.of(), 0, 0, 0, c);
        return new LivenessResult(LivenessMode.ACTIVE, score, score >= c.threshold(), c.threshold(), List.of(), 10,
                null, null, a).decision();
    }
}
