package io.verilock.engine.liveness;

import com.fasterxml.jackson.annotation.JsonValue;
import io.verilock.engine.face.QualityFlag;

/** Why the verifier is waiting (or stopped), in the words the SDK shows; capture codes match {@link QualityFlag}. */
public enum GuidanceReason {
    NO_FACE("no_face"),
    SEVERAL_FACES("several_faces"),
    FACE_TOO_SMALL("face_too_small"),
    FACE_TOO_LARGE("face_too_large"),
    BLURRED("blurred"),
    TOO_DARK("too_dark"),
    TOO_BRIGHT("too_bright"),
    PARTLY_OUTSIDE("partly_outside_frame"),
    LOOK_STRAIGHT("look_straight"),
    OPEN_EYES("open_eyes"),
    RELAX_FACE("relax_face"),
    HOLD_STILL("hold_still"),
    TURN_FURTHER("turn_further"),
    TURN_BACK("turn_back"),
    WRONG_DIRECTION("wrong_direction"),
    SMILE_WIDER("smile_wider"),
    /** The action was reached by a jump between still pictures: move naturally, in front of the camera. */
    DISCONTINUOUS_MOTION("discontinuous_motion"),
    BASELINE_TIMEOUT("baseline_timeout"),
    CHALLENGE_TIMEOUT("challenge_timeout"),
    ABANDONED("abandoned");

    private final String code;

    GuidanceReason(String code) { this.code = code; }

    @JsonValue
    public String code() { return code; }

    public static GuidanceReason of(QualityFlag flag) {
        return switch (flag) {
            case FACE_TOO_SMALL -> FACE_TOO_SMALL;
            case FACE_TOO_LARGE -> FACE_TOO_LARGE;
            case BLURRED -> BLURRED;
            case TOO_DARK -> TOO_DARK;
            case TOO_BRIGHT -> TOO_BRIGHT;
            case PARTLY_OUTSIDE -> PARTLY_OUTSIDE;
            case SEVERAL_FACES -> SEVERAL_FACES;
        };
    }
}
