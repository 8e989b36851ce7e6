package io.verilock.engine.face;

/**
 * One decoded frame of a stream and its analysis; {@link #texture(FaceObservation)} measures a face's texture from
 * the pixels still held, so a frame is never decoded or analysed twice. Not thread-safe; close it when done.
 */
public interface StreamedFrame extends AutoCloseable {

    /** The frame's analysis; its faces' texture may be {@link Texture#NOT_MEASURED}. */
    FrameAnalysis analysis();

    /** The texture of {@code face}, one of {@link #analysis()}'s faces, measured on this frame's pixels. */
    Texture texture(FaceObservation face);

    @Override
    void close();

    /** A frame analysed in full already (texture included): nothing left to measure, nothing to free. */
    static StreamedFrame analysed(FrameAnalysis analysis) {
        return new StreamedFrame() {
            @Override
            public FrameAnalysis analysis() { return analysis; }

            @Override
            public Texture texture(FaceObservation face) { return face.texture(); }

            @Override
            public void close() {}
        };
    }
}
