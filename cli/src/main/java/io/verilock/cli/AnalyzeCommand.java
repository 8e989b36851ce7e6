package io.verilock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.ObservationJson;
import io.verilock.engine.image.ImageInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `verilock analyze`: one JSON line per input image; a failed input gets an error line and a non-zero exit. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse faces in images: box, 468 landmarks, pose, eyes, smile, expression, texture, quality. "
                + "Prints one JSON object per input (JSON Lines).")
final class AnalyzeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, BMP, TIFF, WebP).")
    List<Path> images;

    @Option(names = "--annotate", paramLabel = "DIR", description = "Write one annotated PNG per input into DIR.")
    Path annotateDir;

    @Option(names = "--no-landmarks", description = "Leave the 468 landmarks out of the output.")
    boolean noLandmarks;

    @Option(names = "--sequence", description = "The inputs are consecutive frames of one video: follow each face "
            + "from frame to frame, so a head turned past the detector's range stays found.")
    boolean sequence;

    @Option(names = "--threads", defaultValue = "1", description = "Threads per model (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--full-range", defaultValue = "FALLBACK", paramLabel = "MODE",
            description = "When the full-range detector looks for small faces: OFF, FALLBACK (frames where no face "
                    + "was found otherwise) or ALWAYS (default: ${DEFAULT-VALUE}).")
    AnalyzerSettings.FullRange fullRange;

    private final PrintStream out;

    AnalyzeCommand() {
        this(System.out);
    }

    AnalyzeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (annotateDir != null) Files.createDirectories(annotateDir);
        int failures = 0;
        ModelsCommand.prepare();
        try (FaceAnalyzer analyzer = FaceAnalyzers.open(
                AnalyzerSettings.defaults().withThreads(threads).withFullRange(fullRange))) {
            FrameAnalysis previous = null;
            for (Path image : images) {
                ObjectNode line = JSON.createObjectNode();
                line.put("file", image.toString());
                try {
                    FrameAnalysis analysis = analyzer.analyzeFile(image, sequence ? previous : null);
                    previous = analysis;
                    line.setAll(ObservationJson.frame(analysis, !noLandmarks));
                    line.putNull("error");
                    if (annotateDir != null) Annotator.write(image, analysis, annotateDir);
                } catch (ImageInputException e) {
                    failures++;
                    line.set("error", ObservationJson.error(e.code(), e.getMessage()));
                }
                out.println(JSON.writeValueAsString(line));
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
