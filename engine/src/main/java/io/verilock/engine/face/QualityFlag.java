package io.verilock.engine.face;

/** Named capture problems, in the words the API and the SDK use. */
public enum QualityFlag {
    FACE_TOO_SMALL("face_too_small"),
    FACE_TOO_LARGE("face_too_large"),
    BLURRED("blurred"),
    TOO_DARK("too_dark"),
    TOO_BRIGHT("too_bright"),
    PARTLY_OUTSIDE("partly_outside_frame"),
    SEVERAL_FACES("several_faces");

    private final String code;

    QualityFlag(String code) { this.code = code; }

    public String code() { return code; }
}
