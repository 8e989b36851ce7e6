package io.verilock.engine.face;

/** Receives how long each stage took (decode, detector, facemesh, iris, emotion, antispoof, liveness). */
@FunctionalInterface
public interface ModelTimer {
    ModelTimer NONE = (stage, nanos) -> { };

    void record(String stage, long nanos);
}
