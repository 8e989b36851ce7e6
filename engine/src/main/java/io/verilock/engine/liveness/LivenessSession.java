package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.StreamedFrame;
import io.verilock.engine.face.Texture;
import io.verilock.engine.image.ImageInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One active capture from its first frame to its decision; the only way frames reach the {@link ChallengeVerifier},
 * whether they come from a camera through the service, from a recorded folder ({@link RecordedSequence}) or from the
 * simulator.
 *
 * <p>Each frame is analysed without texture (a third of a frame's cost) on a borrowed analyzer, which follows the face
 * from the previous frame. A frame the verifier holds as possible evidence (a baseline-window frame, a challenge's peak
 * or return) has its texture measured there and then, from the pixels already decoded, so the 8-12 kept frames carry
 * texture when the sequence ends and no frame is decoded or analysed twice.
 *
 * <p>Thread-safe: frames are processed one at a time, in the order they take the session's lock, and each frame's
 * capture time must not go backwards. Take the capture time inside the lock ({@link #accept(LongSupplier, byte[], Object)})
 * when frames may arrive concurrently.
 *
 * @param <T> the caller's handle on each frame (a path, an evidence number), carried into the kept frames
 */
public final class LivenessSession<T> {

    /**
     * What one frame did: the guidance to show, the analysis (the next frame is tracked from it), and whether the
     * frame is now held as possible evidence, with its texture. A caller persisting the capture stores held frames.
     */
    public record Step(Guidance guidance, FrameAnalysis analysis, boolean held, Texture texture) {}

    private final ChallengeVerifier<T> verifier;
    private final AnalyzerLender analyzers;
    private final Map<T, Texture> textures = new HashMap<>();
    private FrameAnalysis previous;
    private Object lastInput;
    private Texture lastTexture;
    private int frames;

    public LivenessSession(ChallengePlan plan, LivenessConfig config, AnalyzerLender analyzers) {
        this.verifier = new ChallengeVerifier<>(plan, config);
        this.analyzers = analyzers;
    }

    /** Analyses and feeds the next frame (JPEG or PNG bytes) captured at {@code captureMillis}. */
    public synchronized Step accept(long captureMillis, byte[] encoded, T handle) throws ImageInputException {
        return take(captureMillis, encoded, (a, prev) -> a.stream(encoded, prev), handle);
    }

    /**
     * As {@link #accept(long, byte[], Object)} with the capture time read once this frame holds the lock, so frames
     * racing for one session are timed in the order they are processed.
     */
    public synchronized Step accept(LongSupplier clock, byte[] encoded, T handle) throws ImageInputException {
        return accept(clock.getAsLong(), encoded, handle);
    }

    /** Analyses and feeds the next frame from an image file. */
    public synchronized Step acceptFile(long captureMillis, Path file, T handle) throws ImageInputException {
        return take(captureMillis, file, (a, prev) -> a.streamFile(file, prev), handle);
    }

    /**
     * Feeds a frame analysed before, e.g. one replayed from a stored capture: {@code texture} is the texture its
     * primary face was measured with when it was held, or null.
     */
    public synchronized Step acceptAnalysed(long captureMillis, FrameAnalysis analysis, T handle, Texture texture) {
        lastInput = null;
        return feed(captureMillis, analysis, handle, face -> texture != null ? texture : face.texture());
    }

    private interface Source {
        StreamedFrame open(FaceAnalyzer analyzer, FrameAnalysis previous) throws ImageInputException;
    }

    /**
     * A frame whose input equals the last one's (a still repeated in a recording, a frozen camera) is the same pixels:
     * its analysis is reused, and its texture measured at most once more.
     */
    private Step take(long ts, Object input, Source source, T handle) throws ImageInputException {
        return analyzers.with(a -> {
            if (previous != null && sameInput(input, lastInput)) {
                FrameAnalysis same = previous;
                return feed(ts, same, handle, face -> {
                    if (lastTexture == null) {
                        try (StreamedFrame again = source.open(a, null)) {
                            lastTexture = again.texture(face);
                        } catch (ImageInputException e) {
                            throw new IllegalStateException("a frame analysed before could not be decoded again", e);
                        }
                    }
                    return lastTexture;
                });
            }
            try (StreamedFrame f = source.open(a, previous)) {
                lastInput = input;
                lastTexture = null;
                return feed(ts, f.analysis(), handle, face -> lastTexture = f.texture(face));
            }
        });
    }

    private static boolean sameInput(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        return a != null && a.equals(b);
    }

    /** Feeds the verifier; {@code measure} gives the texture of the primary face, asked only if the frame is held. */
    private Step feed(long ts, FrameAnalysis analysis, T handle, Function<FaceObservation, Texture> measure) {
        Guidance g = verifier.accept(ts, analysis, handle);
        previous = analysis;
        frames++;
        Set<T> held = verifier.held();
        textures.keySet().retainAll(held);
        boolean holds = handle != null && held.contains(handle);
        Texture texture = null;
        if (holds) {
            // the verifier keeps the largest face, the first
            texture = textures.computeIfAbsent(handle, h -> measure.apply(analysis.faces().get(0)));
        }
        return new Step(g, analysis, holds, texture);
    }

    /** The latest guidance (before any frame: the baseline request). */
    public synchronized Guidance guidance() { return verifier.guidance(); }

    /** The analysis of the last frame fed, or null. */
    public synchronized FrameAnalysis previous() { return previous; }

    /** Frames fed so far. */
    public synchronized int frames() { return frames; }

    public ChallengePlan plan() { return verifier.plan(); }

    public LivenessConfig config() { return verifier.config(); }

    /** Ends the capture now (client gone, idle, deadline): whatever is pending counts as abandoned. */
    public synchronized Guidance abandon(long captureMillis) { return verifier.abandon(captureMillis); }

    /** The evidence so far, each kept frame with the texture measured on it; complete once the guidance is finished. */
    public synchronized Evidence<T> evidence() {
        Evidence<T> ev = verifier.evidence();
        List<KeptFrame<T>> kept = new ArrayList<>(ev.kept().size());
        for (KeptFrame<T> k : ev.kept()) {
            Texture t = textures.get(k.frame());
            FaceObservation o = t == null ? k.observation() : k.observation().withTexture(t);
            kept.add(new KeptFrame<>(k.timestampMillis(), k.why(), k.challenge(), o, k.frame()));
        }
        return new Evidence<>(ev.plan(), ev.config(), ev.state(), ev.stopReason(), ev.baseline(), ev.outcomes(), kept,
                ev.framesSeen(), ev.noFaceFrames(), ev.severalFacesFrames(), ev.repeatedFrames());
    }

    /** The decision on the evidence so far: call once the guidance is finished (or after {@link #abandon}). */
    public synchronized LivenessResult result() {
        return new LivenessScorer(verifier.config()).score(evidence());
    }
}
