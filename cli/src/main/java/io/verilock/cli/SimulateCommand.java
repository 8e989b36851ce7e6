package io.verilock.cli;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.simulate.Attack;
import io.verilock.engine.simulate.ContactSheet;
import io.verilock.engine.simulate.EvalSet;
import io.verilock.engine.simulate.SequenceWriter;
import io.verilock.engine.simulate.Simulator;
import io.verilock.engine.simulate.Subject3d;
import io.verilock.engine.simulate.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./verilock simulate}: renders a photographed person performing challenges, or an attack fixture. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Render the person in a photo performing actions (a textured 3-D face mesh), or an attack fixture.",
                "Writes frame_00000.jpg..., video.y4m (Chromium's fake camera) and truth.json to --out.",
                "A rendered subject is an animated photo: an attack on a production deployment, useful for end-to-end tests."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:photo has no face or output not writable", "2:invalid usage"})
public final class SimulateCommand implements Callable<Integer> {
    private final AnalyzerFactory analyzers;

    @Spec CommandSpec spec;

    @Option(names = "--photo", paramLabel = "FACE.jpg", description = "photo of the subject (default: the built-in astronaut portrait)")
    Path photo;

    @Option(names = "--actions", paramLabel = "LIST", split = ",", defaultValue = "head_left,blink,smile,head_right",
            description = "actions in order (head_left, head_right, blink, smile; default ${DEFAULT-VALUE})")
    List<String> actions;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "15", description = "frame rate (default ${DEFAULT-VALUE})")
    double fps;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder for the sequence")
    Path out;

    @Option(names = "--attack", paramLabel = "KIND", description = "render an attack fixture instead: print, replay, still, cutout, mask, photo_deck or photo_deck_noisy")
    String attack;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed; equal seeds give equal output (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x480", description = "frame size, even numbers (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--no-y4m", description = "do not write video.y4m")
    boolean noY4m;

    @Option(names = "--contact-sheet", paramLabel = "FILE.png", description = "also write a contact sheet: ~20 evenly spaced frames and each action's peak")
    Path contactSheet;

    @Option(names = "--eval-set", paramLabel = "DIR",
            description = "write an evaluation set instead: all 24 orders of the four challenges (label animated_photo) and"
                    + " one fixture per attack species, with DIR/cases.csv for ./verilock eval")
    Path evalSet;

    public SimulateCommand() { this(AnalyzerFactory.DEFAULT); }

    public SimulateCommand(AnalyzerFactory analyzers) { this.analyzers = analyzers; }

    @Override
    public Integer call() throws Exception {
        if (out == null && evalSet == null) throw usage("--out DIR (or --eval-set DIR) is required");
        if (!(fps > 0) || fps > 120) throw usage("--fps must be in (0, 120], was " + fps);
        int[] wh = parseSize(size);
        List<Challenge> order = new ArrayList<>();
        try {
            for (String a : actions) order.add(Challenge.fromCode(a));
            if (new LinkedHashSet<>(order).size() != order.size()) throw usage("--actions lists an action twice: " + actions);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Attack kind;
        try {
            kind = attack == null ? Attack.NONE : Attack.fromCode(attack);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        byte[] bytes;
        if (photo == null) {
            bytes = Subjects.astronautPng();
        } else {
            if (!Files.isRegularFile(photo)) throw usage("no such photo: " + photo);
            bytes = Files.readAllBytes(photo);
        }
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Subject3d subject;
        try (FaceAnalyzer analyzer = analyzers.get()) {
            subject = Subject3d.from(bytes, analyzer, wh[0], wh[1]);
        } catch (ImageInputException | IllegalArgumentException e) {
            err.println("verilock simulate: " + (photo == null ? "built-in subject" : photo) + ": " + e.getMessage());
            return 1;
        }
        try (subject) {
            Simulator simulator = new Simulator(subject);
            if (evalSet != null) {
                Path csv = EvalSet.write(simulator, evalSet, fps, seed,
                        (path, label, n) -> { o.println(label + "\t" + n + " frames\t" + path); o.flush(); });
                o.println("wrote " + csv + "; evaluate with: ./verilock eval " + csv);
            }
            if (out != null) {
                // the contact sheet: about 20 evenly spaced frames plus each action's peak (a blink lasts 2-3 frames)
                Timeline.Script probe = Timeline.perform(order, fps, seed);
                int every = Math.max(1, (int) Math.ceil(probe.frames().size() / 20.0));
                java.util.Set<Integer> peaks = new java.util.HashSet<>();
                probe.events().forEach(e -> peaks.add(e.peak()));
                java.util.function.IntPredicate keep = i -> contactSheet != null && (i % every == 0 || peaks.contains(i));
                try (SequenceWriter w = new SequenceWriter(out, wh[0], wh[1], fps, !noY4m, keep)) {
                    Timeline.Script s = simulator.run(order, fps, kind, seed, w);
                    w.finish(s, order, kind, seed);
                    if (contactSheet != null) {
                        ContactSheet.write(w.sampledFrames(), w.sampledCaptions(), 6, 320, contactSheet);
                        o.println("contact sheet: " + contactSheet);
                    }
                    o.printf("wrote %d frames (%.1f s at %s fps, %s) to %s%n", s.frames().size(), s.frames().size() / fps,
                            fmt(fps), kind == Attack.NONE ? "rendered subject" : kind.code() + " attack", out);
                }
            }
        } catch (IOException e) {
            err.println("verilock simulate: cannot write output: " + e.getMessage());
            return 1;
        }
        o.flush();
        return 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private int[] parseSize(String s) {
        String[] p = s.toLowerCase().split("x");
        try {
            int w = Integer.parseInt(p[0].trim()), h = Integer.parseInt(p[1].trim());
            if (p.length != 2 || w < 64 || h < 64 || w > 4096 || h > 4096 || w % 2 != 0 || h % 2 != 0) throw new NumberFormatException();
            return new int[] {w, h};
        } catch (RuntimeException e) {
            throw usage("--size must be WxH with even numbers 64-4096, was " + s);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
