package io.verilock.engine.image;

/** An input that cannot be analysed, with a stable machine-readable code (e.g. "not_an_image", "too_large"). */
public final class ImageInputException extends Exception {
    private final String code;

    public ImageInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() { return code; }
}
