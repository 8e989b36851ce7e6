package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.image.ImageInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs liveness on recorded media: a folder of frames (an active session) or one photo (passive).
 *
 * <p>Replay: frames are sorted by file name (numbers by value); frame {@code i} of the folder gets the timestamp {@code i * 1000 / fps},
 * so {@code from}/{@code to} select source frames without shifting time. The verifier issues each prompt at the
 * frame that completed the previous step, which is exactly how a recorded person, acting on their own schedule, must
 * be judged: with the plan's order fixed to the order they act in, each action is watched for from the moment the
 * previous one was recognised. A clip that ends before the sequence finishes counts as abandoned.
 */
public final class RecordedSequence {
    private static final List<String> IMAGE_TYPES = List.of(".jpg", ".jpeg", ".png");

    private RecordedSequence() {}

    /**
     * The image files of a folder sorted by name (numbers by value: {@code _5} before {@code _13}), restricted to
     * positions {@code from..to} (inclusive, null = open).
     */
    public static List<Path> frames(Path folder, Integer from, Integer to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(folder)) {
            all = s.filter(RecordedSequence::isImage).sorted(NaturalOrder.INSTANCE).toList();
        }
        int a = from == null ? 0 : from;
        int b = to == null ? all.size() - 1 : Math.min(to, all.size() - 1);
        if (a < 0 || a > b) throw new IllegalArgumentException("frame range " + a + ".." + b + " is empty in " + folder
                + " (" + all.size() + " frames)");
        return all.subList(a, b + 1);
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && IMAGE_TYPES.stream().anyMatch(n::endsWith);
    }

    /**
     * Replays {@code frames}, whose first element is source frame {@code firstIndex}, through a {@link LivenessSession}
     * (the service's capture path); kept evidence frames carry their file paths.
     */
    public static LivenessSession<Path> replay(FaceAnalyzer analyzer, List<Path> frames, int firstIndex, double fps,
                                               ChallengePlan plan, LivenessConfig config) throws ImageInputException {
        return replay(analyzer, frames, firstIndex, fps, 1, plan, config);
    }

    /**
     * As {@link #replay(FaceAnalyzer, List, int, double, ChallengePlan, LivenessConfig)}, feeding only every
     * {@code step}-th frame: a 30 fps recording with step 3 arrives as the SDK's ~10 fps stream would, so short
     * blinks are seen in one frame or missed exactly as they would be live. The returned session is finished.
     */
    public static LivenessSession<Path> replay(FaceAnalyzer analyzer, List<Path> frames, int firstIndex, double fps,
                                               int step, ChallengePlan plan, LivenessConfig config)
            throws ImageInputException {
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, was " + fps);
        if (step < 1) throw new IllegalArgumentException("step must be at least 1, was " + step);
        LivenessSession<Path> session = new LivenessSession<>(plan, config, AnalyzerLender.of(analyzer));
        long ts = 0;
        for (int i = 0; i < frames.size() && !session.guidance().finished(); i += step) {
            ts = Math.round((firstIndex + i) * 1000 / fps);
            session.acceptFile(ts, frames.get(i), frames.get(i)); // a repeated still is analysed once
        }
        session.abandon(ts); // the clip ended: whatever is pending can no longer happen
        return session;
    }

    public static LivenessResult active(FaceAnalyzer analyzer, List<Path> frames, int firstIndex, double fps,
                                        ChallengePlan plan, LivenessConfig config) throws ImageInputException {
        return active(analyzer, frames, firstIndex, fps, 1, plan, config);
    }

    public static LivenessResult active(FaceAnalyzer analyzer, List<Path> frames, int firstIndex, double fps, int step,
                                        ChallengePlan plan, LivenessConfig config) throws ImageInputException {
        return replay(analyzer, frames, firstIndex, fps, step, plan, config).result();
    }

    public static LivenessResult passive(FaceAnalyzer analyzer, Path photo, LivenessConfig config)
            throws ImageInputException {
        return new LivenessScorer(config).scorePassive(analyzer.analyzeFile(photo));
    }

    /** A one-line explanation of a result for reports: the deductions, or the band when there are none. */
    public static String explain(LivenessResult r) {
        LivenessAnalysis a = r.analysis();
        StringBuilder sb = new StringBuilder();
        for (Deduction d : a.deductions()) sb.append(sb.isEmpty() ? "" : "; ").append(d.code()).append(": ").append(d.reason());
        if (a.stopReason() != null && a.deductions().stream().noneMatch(d -> d.reason().contains(a.stopReason().code())))
            sb.append(sb.isEmpty() ? "" : "; ").append("stopped: ").append(a.stopReason().code());
        if (sb.isEmpty()) sb.append("no deductions; band ").append(a.band().code());
        if (r.challengesCompleted() != null) sb.append("; completed ").append(r.challengesCompleted().stream()
                .map(Challenge::code).toList());
        return sb.toString();
    }
}
