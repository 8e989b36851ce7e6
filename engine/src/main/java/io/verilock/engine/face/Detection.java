package io.verilock.engine.face;

/**
 * A face found by the detector: its box and six keypoints in image pixels
 * (subject's right eye, left eye, nose tip, mouth, right ear, left ear; x then y for each).
 */
record Detection(Box box, double score, double[] keypoints) {
    double keypointX(int i) { return keypoints[2 * i]; }
    double keypointY(int i) { return keypoints[2 * i + 1]; }

    /** Clockwise roll of the eye line in radians (0 for a level face). */
    double roll() {
        return Math.atan2(keypointY(1) - keypointY(0), keypointX(1) - keypointX(0));
    }
}
