package io.verilock.cli;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.ChallengePlan;
import io.verilock.engine.liveness.Deduction;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessJson;
import io.verilock.engine.liveness.LivenessMode;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.RecordedSequence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ./verilock liveness}: scores a recorded active sequence (folder of frames) or a passive photo. */
@Command(name = "liveness", mixinStandardHelpOptions = true,
        description = {"Score face liveness of a recorded sequence (active) or one photo (passive).",
                "Active: INPUT is a folder of frames sorted by name; frame i is at i*1000/fps ms. Each prompt is issued"
                        + " right after the previous challenge completes, in --order, as a recorded person acts on"
                        + " their own schedule."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scored (passed or not)", "1:input could not be analysed", "2:invalid usage"})
public final class LivenessCommand implements Callable<Integer> {
    private final AnalyzerFactory analyzers;

    @Spec CommandSpec spec;

    @Option(names = "--mode", required = true, paramLabel = "active|passive", description = "liveness mode")
    String mode;

    @Option(names = "--challenges", paramLabel = "LIST", split = ",",
            description = "active: challenges to prompt (head_left,head_right,smile,blink); default all, or those in --order")
    List<String> challenges;

    @Option(names = "--order", paramLabel = "LIST", split = ",",
            description = "active: fixed prompting order (default: a fresh random order)")
    List<String> order;

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "75", description = "pass threshold 0-100 (default ${DEFAULT-VALUE})")
    int threshold;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "30", description = "active: frame rate of the folder (default ${DEFAULT-VALUE})")
    double fps;

    @Option(names = "--from", paramLabel = "I", description = "active: first frame index (position in name order)")
    Integer from;

    @Option(names = "--to", paramLabel = "J", description = "active: last frame index, inclusive")
    Integer to;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "active: feed every N-th frame (e.g. 3 turns a 30 fps clip into the SDK's ~10 fps)")
    int every;

    @Option(names = "--json", description = "print the selfie JSON (with analysis)")
    boolean json;

    @Parameters(index = "0", paramLabel = "INPUT", description = "folder of frames (active) or an image (passive)")
    Path input;

    public LivenessCommand() { this(AnalyzerFactory.DEFAULT); }

    public LivenessCommand(AnalyzerFactory analyzers) { this.analyzers = analyzers; }

    @Override
    public Integer call() {
        LivenessMode m = parse(() -> LivenessMode.fromCode(mode));
        if (threshold < 0 || threshold > 100) throw usage("--threshold must be 0..100, was " + threshold);
        LivenessConfig config = LivenessConfig.defaults().withThreshold(threshold);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LivenessResult result;
        if (m == LivenessMode.PASSIVE) {
            if (challenges != null || order != null || from != null || to != null || every != 1)
                throw usage("--challenges, --order, --from, --to and --every apply to --mode active only");
            if (!Files.isRegularFile(input)) throw usage("passive INPUT must be an image file: " + input);
            result = withAnalyzer(err, a -> RecordedSequence.passive(a, input, config));
        } else {
            if (!Files.isDirectory(input)) throw usage("active INPUT must be a folder of frames: " + input);
            if (!(fps > 0)) throw usage("--fps must be positive, was " + fps);
            if (every < 1) throw usage("--every must be at least 1, was " + every);
            ChallengePlan plan = plan();
            List<Path> frames = parse(() -> {
                try {
                    return RecordedSequence.frames(input, from, to);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + input + ": " + e.getMessage());
                }
            });
            int first = from == null ? 0 : from;
            result = withAnalyzer(err, a -> RecordedSequence.active(a, frames, first, fps, every, plan, config));
        }
        if (result == null) return 1;
        out.println(json ? LivenessJson.toJson(result) : summary(result));
        out.flush();
        return 0;
    }

    ChallengePlan plan() {
        List<Challenge> subset = challenges == null ? null : parse(() -> challenges.stream().map(Challenge::fromCode).toList());
        List<Challenge> fixed = order == null ? null : parse(() -> order.stream().map(Challenge::fromCode).toList());
        if (subset != null && subset.size() != EnumSet.copyOf(subset).size()) throw usage("--challenges lists a challenge twice");
        if (fixed != null) {
            if (subset != null && !(fixed.size() == subset.size() && fixed.containsAll(subset)))
                throw usage("--order " + codes(fixed) + " must list exactly the --challenges " + codes(subset));
            return parse(() -> ChallengePlan.fixed(fixed));
        }
        return ChallengePlan.random(subset == null ? EnumSet.allOf(Challenge.class) : subset);
    }

    interface Run { LivenessResult apply(FaceAnalyzer a) throws ImageInputException; }

    private LivenessResult withAnalyzer(PrintWriter err, Run run) {
        try (FaceAnalyzer a = analyzers.get()) {
            return run.apply(a);
        } catch (ImageInputException e) {
            err.println("verilock liveness: cannot analyse input (" + e.code() + "): " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            err.println("verilock liveness: face analyzer unavailable: " + e.getMessage());
        }
        return null;
    }

    static String summary(LivenessResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "liveness %s: score %.1f (%s), %s at threshold %d%n", r.livenessMode().code(),
                r.livenessScore(), r.analysis().band().code(), r.livenessPassed() ? "PASSED" : "NOT PASSED",
                r.livenessThreshold()));
        if (r.challengesCompleted() != null)
            sb.append("prompted ").append(codes(r.analysis().promptedOrder())).append(", completed ")
                    .append(codes(r.challengesCompleted())).append('\n');
        if (r.poseVariationScore() != null) sb.append("pose variation ").append(r.poseVariationScore()).append('\n');
        if (r.expressionVariationScore() != null) sb.append("expression variation ").append(r.expressionVariationScore()).append('\n');
        sb.append("frames captured ").append(r.framesCaptured()).append('\n');
        for (Deduction d : r.analysis().deductions()) sb.append("deduction ").append(d.code()).append(": ").append(d.reason()).append('\n');
        r.analysis().notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString().stripTrailing();
    }

    static List<String> codes(List<Challenge> cs) {
        return cs.stream().map(Challenge::code).toList();
    }

    private <V> V parse(java.util.function.Supplier<V> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
