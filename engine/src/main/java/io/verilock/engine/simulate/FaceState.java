package io.verilock.engine.simulate;

/**
 * What one rendered frame shows: head pose in the engine's conventions (degrees; yaw negative = subject's own left),
 * eyelid closure and smile 0..1, a 2-D offset of the head in output pixels, and the action under way.
 *
 * @param closure 0 = eyes normally open, 1 = shut
 * @param smile   0 = neutral mouth, 1 = full smile
 * @param action  the action this frame belongs to ({@code neutral}, {@code pause}, or a challenge code)
 * @param phase   where in the action: {@code lead_in}, {@code onset}, {@code peak}, {@code return}, {@code pause}, {@code tail}
 */
public record FaceState(double yaw, double pitch, double roll, double closure, double smile, double dx, double dy,
                        String action, String phase) {

    public FaceState withoutExpression() {
        return new FaceState(yaw, pitch, roll, 0, 0, dx, dy, action, phase);
    }

    public FaceState withPose(double newYaw, double newPitch, double newRoll) {
        return new FaceState(newYaw, newPitch, newRoll, closure, smile, dx, dy, action, phase);
    }
}
