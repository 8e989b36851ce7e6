package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;

/**
 * One evidence frame. {@code frame} is the caller's handle on the encoded image (bytes, a path, a storage key), so
 * the service can persist exactly the frames that were scored; the engine never looks inside it.
 *
 * @param challenge the challenge this frame documents; null for baseline and passive frames
 */
public record KeptFrame<T>(long timestampMillis, KeepReason why, Challenge challenge, FaceObservation observation,
                           T frame) {
}
