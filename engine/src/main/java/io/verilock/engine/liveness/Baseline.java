package io.verilock.engine.liveness;

/**
 * The subject's own neutral face, the median over the baseline window; every action is measured as a change from it.
 */
public record Baseline(double yaw, double pitch, double eyeOpenness, double smile, int frames,
                       long establishedAtMillis) {
}
