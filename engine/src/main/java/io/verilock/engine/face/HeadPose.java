package io.verilock.engine.face;

/**
 * Head rotation in degrees, in the subject's frame of reference on an unmirrored camera image.
 *
 * @param yaw   negative when the subject turns to their own left (nose towards the image's right edge)
 * @param pitch positive when the subject looks up
 * @param roll  positive when the head tilts towards the subject's own left shoulder (clockwise in the image)
 */
public record HeadPose(double yaw, double pitch, double roll) {
    public static final HeadPose FRONTAL = new HeadPose(0, 0, 0);
}
