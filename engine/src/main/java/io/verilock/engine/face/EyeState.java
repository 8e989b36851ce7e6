package io.verilock.engine.face;

/** Eye openness per eye (subject's own left and right): 1 = normally open, 0 = closed. */
public record EyeState(double leftOpen, double rightOpen) {
    public double mean() {
        return (leftOpen + rightOpen) / 2;
    }
}
