package io.verilock.engine.simulate;

/**
 * Ground truth of one simulated frame: the pose of what is shown (the head, or the card/screen for attacks), the
 * eye openness (1 open, 0 shut) and smile (0..1) rendered, and the action under way.
 */
public record FrameTruth(int index, long timeMillis, double yaw, double pitch, double roll, double leftOpen,
                         double rightOpen, double smile, String action, String phase) {
}
