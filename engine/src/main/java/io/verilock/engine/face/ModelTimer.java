package io.verilock.engine.face;

/** Receives how long each stage took (decode, detector, facemesh, iris, emotion, minifasnet, texture_cues). */
@FunctionalInterface
public interface ModelTimer {
    ModelTimer NONE = (stage, nanos) -> { };

    void record(String stage, long nanos);
}
