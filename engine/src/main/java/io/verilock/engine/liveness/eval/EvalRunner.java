package io.verilock.engine.liveness.eval;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessMode;
import io.verilock.engine.liveness.LivenessResult;
import io.verilock.engine.liveness.RecordedSequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs each case of an evaluation set through the liveness pipeline. */
public final class EvalRunner {
    private EvalRunner() {}

    /** One case's outcome; {@code result} is null when the input could not be analysed ({@code error} says why). */
    public record Outcome(EvalCase testCase, LivenessResult result, String error) {
        /** As an evaluation sample: an unanalysable input scores 0 (a bona fide one counts as rejected). */
        public EvalSample sample() {
            double score = result == null ? 0 : result.livenessScore();
            String why = result == null ? "not analysable: " + error : RecordedSequence.explain(result);
            return new EvalSample(testCase.path(), testCase.label(), score, why);
        }
    }

    public static Outcome run(FaceAnalyzer analyzer, EvalCase c, Path dataRoot, LivenessConfig config) {
        try {
            if (PhotoDeck.isDeck(c.path())) {
                PhotoDeck deck = PhotoDeck.parse(c.path());
                return new Outcome(c, deck.active(analyzer, dataRoot, c.fps(), c.plan(), config), null);
            }
            Path input = dataRoot.resolve(c.path()).normalize();
            if (c.mode() == LivenessMode.PASSIVE) {
                if (!Files.isRegularFile(input)) return new Outcome(c, null, "passive input is not a file: " + input);
                return new Outcome(c, RecordedSequence.passive(analyzer, input, config), null);
            }
            if (Files.isDirectory(input)) {
                List<Path> frames = RecordedSequence.frames(input, c.from(), c.to());
                int first = c.from() == null ? 0 : c.from();
                return new Outcome(c, RecordedSequence.active(analyzer, frames, first, c.fps(), c.plan(), config), null);
            }
            if (Files.isRegularFile(input)) { // a still presented to an active session: the same photo, repeated (default 300 frames)
                int n = (c.to() == null ? 299 : c.to()) - (c.from() == null ? 0 : c.from()) + 1;
                List<Path> frames = java.util.Collections.nCopies(Math.max(1, n), input);
                return new Outcome(c, RecordedSequence.active(analyzer, frames, 0, c.fps(), c.plan(), config), null);
            }
            return new Outcome(c, null, "no such file or folder: " + input);
        } catch (ImageInputException e) {
            return new Outcome(c, null, e.code() + ": " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(c, null, e.getMessage());
        }
    }
}
