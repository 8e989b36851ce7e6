package io.verilock.engine.face;

/**
 * Named indices into the 468-point MediaPipe face mesh. "Right" and "left" are the subject's own sides: on an
 * unmirrored camera image the subject's right eye is on the image's left.
 */
final class MeshPoints {
    private MeshPoints() {}

    static final int FOREHEAD = 10;
    static final int CHIN = 152;
    static final int NOSE_TIP = 1;
    static final int RIGHT_CHEEK = 234;
    static final int LEFT_CHEEK = 454;

    static final int RIGHT_EYE_OUTER = 33;
    static final int RIGHT_EYE_INNER = 133;
    static final int LEFT_EYE_OUTER = 263;
    static final int LEFT_EYE_INNER = 362;
    /** Upper and lower eyelid pairs facing each other, outer to inner. */
    static final int[][] RIGHT_EYELIDS = {{160, 144}, {159, 145}, {158, 153}};
    static final int[][] LEFT_EYELIDS = {{387, 373}, {386, 374}, {385, 380}};

    static final int MOUTH_RIGHT = 61;
    static final int MOUTH_LEFT = 291;
    static final int UPPER_LIP = 13;
    static final int LOWER_LIP = 14;

    /** Pairs spanning the face from the subject's right to left; averaged for a stable lateral axis. */
    static final int[][] LATERAL_PAIRS = {{RIGHT_CHEEK, LEFT_CHEEK}, {93, 323}, {132, 361}, {RIGHT_EYE_OUTER, LEFT_EYE_OUTER}, {127, 356}};
    /** Pairs from the forehead down to the chin along the midline. */
    static final int[][] VERTICAL_PAIRS = {{FOREHEAD, CHIN}, {151, 175}, {9, 200}};
}
