package io.verilock.engine.face;

import io.verilock.engine.image.ImageInputException;

import java.nio.file.Path;

/** Per-frame face analysis: detection, 468-point mesh, pose, eyes, smile, expression, texture and quality. */
public interface FaceAnalyzer extends AutoCloseable {

    /** Decodes one image file (EXIF orientation honoured) and analyses every face in it. */
    FrameAnalysis analyzeFile(Path file) throws ImageInputException;

    /** Decodes an encoded image (JPEG or PNG bytes) and analyses every face in it. */
    FrameAnalysis analyzeBytes(byte[] encoded) throws ImageInputException;

    @Override
    void close();
}
