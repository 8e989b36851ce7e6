package io.verilock.engine.document;

import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceEmbedder;
import io.verilock.engine.face.FaceMatchSettings;
import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.image.DecodedImage;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Reads a document image: its MRZ ({@link MrzReader}) and its portrait (the largest face the face pipeline finds,
 * embedded with {@link FaceEmbedder} for matching against a selfie). Not thread-safe; one per thread.
 */
public final class DocumentReader implements AutoCloseable {
    private final MrzReader mrz;
    private final FacePipeline faces;
    private final FaceEmbedder embedder;

    /**
     * @param tessdata Tesseract's folder with {@code eng.traineddata} ({@link MrzReader#findTessdata()})
     * @param today    the date two-digit years are read against (birth dates are never after it)
     */
    public DocumentReader(Path tessdata, LocalDate today, AnalyzerSettings analyzer, FaceMatchSettings match) {
        this.mrz = new MrzReader(tessdata, new MrzParser(today));
        this.faces = new FacePipeline(analyzer);
        this.embedder = new FaceEmbedder(match, analyzer.threads());
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    public DocumentReading read(DecodedImage image) {
        Mrz zone = mrz.read(image.bgr());
        FrameAnalysis a = faces.analyze(image, null);
        if (a.faces().isEmpty()) return new DocumentReading(zone, null, null);
        FaceObservation portrait = a.faces().get(0);
        return new DocumentReading(zone, portrait.box(), embedder.embed(image, portrait));
    }

    /** The largest face of a selfie and its embedding, or null when it shows none. */
    public FaceObservation largestFace(DecodedImage image) {
        FrameAnalysis a = faces.analyze(image, null);
        return a.faces().isEmpty() ? null : a.faces().get(0);
    }

    @Override
    public void close() {
        mrz.close();
        embedder.close();
        faces.close();
    }
}
