package io.verilock.engine.liveness.eval;

/** A threshold with the error rates it gives (fractions 0..1); APCER is the worst species'. */
public record OperatingPoint(double threshold, double apcer, double bpcer) {
}
