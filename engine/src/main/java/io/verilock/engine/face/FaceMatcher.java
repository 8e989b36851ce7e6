package io.verilock.engine.face;

import io.verilock.engine.image.DecodedImage;
import io.verilock.engine.image.ImageDecoder;
import io.verilock.engine.image.ImageInputException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Face matching on whole images: finds the largest face with the face pipeline and embeds it. For callers that
 * already hold a frame's analysis (the liveness session), {@link FaceEmbedder} alone does. Not thread-safe.
 */
public final class FaceMatcher implements AutoCloseable {
    private final FacePipeline pipeline;
    private final FaceEmbedder embedder;
    private final ImageDecoder decoder = new ImageDecoder();

    public FaceMatcher(AnalyzerSettings analyzer, FaceMatchSettings settings) {
        this.pipeline = new FacePipeline(analyzer);
        this.embedder = new FaceEmbedder(settings, analyzer.threads());
    }

    public FaceMatchSettings settings() {
        return embedder.settings();
    }

    /** The embedding of the largest face in the image file, or empty when it shows no face. */
    public Optional<FaceEmbedding> embedFile(Path file) throws ImageInputException {
        try (DecodedImage image = decoder.read(file)) {
            return embed(image);
        }
    }

    /** The embedding of the largest face in the encoded image (JPEG or PNG), or empty when it shows no face. */
    public Optional<FaceEmbedding> embedBytes(byte[] encoded) throws ImageInputException {
        try (DecodedImage image = decoder.decode(encoded)) {
            return embed(image);
        }
    }

    /** The embedding of the largest face in {@code image}, or empty when it shows no face. */
    public Optional<FaceEmbedding> embed(DecodedImage image) {
        FrameAnalysis a = pipeline.analyze(image, null);
        return a.faces().isEmpty() ? Optional.empty() : Optional.of(embedder.embed(image, a.faces().get(0)));
    }

    public FaceMatch match(FaceEmbedding a, FaceEmbedding b) {
        return embedder.settings().match(a, b);
    }

    @Override
    public void close() {
        embedder.close();
        pipeline.close();
    }
}
