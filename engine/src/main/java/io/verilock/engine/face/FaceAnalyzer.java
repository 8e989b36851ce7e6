package io.verilock.engine.face;

import io.verilock.engine.image.ImageInputException;

import java.nio.file.Path;

/** Per-frame face analysis: detection, 468-point mesh, pose, eyes, smile, expression, texture and quality. */
public interface FaceAnalyzer extends AutoCloseable {

    /** Decodes one image file (EXIF orientation honoured) and analyses every face in it. */
    default FrameAnalysis analyzeFile(Path file) throws ImageInputException {
        return analyzeFile(file, null);
    }

    /** Decodes an encoded image (JPEG or PNG bytes) and analyses every face in it. */
    default FrameAnalysis analyzeBytes(byte[] encoded) throws ImageInputException {
        return analyzeBytes(encoded, null);
    }

    /**
     * Analyses the next frame of a video: {@code previous} is the analysis of the frame before (or null), so that a
     * face the detector loses (a head turned far) is still followed from where it was.
     */
    FrameAnalysis analyzeFile(Path file, FrameAnalysis previous) throws ImageInputException;

    /** As {@link #analyzeFile(Path, FrameAnalysis)} for encoded bytes (JPEG or PNG). */
    FrameAnalysis analyzeBytes(byte[] encoded, FrameAnalysis previous) throws ImageInputException;

    /**
     * A streamed video frame: everything the challenge verifier reads (faces, pose, eyes, smile, quality) but not
     * texture, which costs about a third of a frame and only matters on the 8-12 frames kept as evidence; those are
     * analysed again in full. Texture is {@link Texture#NOT_MEASURED}.
     */
    default FrameAnalysis analyzeStreamed(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        return analyzeBytes(encoded, previous);
    }

    /**
     * A streamed frame decoded once: its analysis without texture now and, on request, the texture of any face in
     * it from the same pixels (a capture measures texture only on the frames it keeps). Close it to free the pixels.
     * The default analyses in full, so the texture is already in the analysis.
     */
    default StreamedFrame stream(byte[] encoded, FrameAnalysis previous) throws ImageInputException {
        return StreamedFrame.analysed(analyzeBytes(encoded, previous));
    }

    /** As {@link #stream(byte[], FrameAnalysis)} for an image file. */
    default StreamedFrame streamFile(Path file, FrameAnalysis previous) throws ImageInputException {
        return StreamedFrame.analysed(analyzeFile(file, previous));
    }

    @Override
    void close();
}
