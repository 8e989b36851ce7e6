package io.verilock.service;

/** An error a client caused or may see, rendered as {"error": {"code", "message", "field"}} with its HTTP status. */
public final class ApiError extends RuntimeException {

    public record Body(String code, String message, String field) {}
    public record Response(Body error) {}

    private final int status;
    private final String code;
    private final String field;
    private final long retryAfterSeconds;

    public ApiError(int status, String code, String message, String field) {
        this(status, code, message, field, 0);
    }

    private ApiError(int status, String code, String message, String field, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 429 (or, for the whole server, 503) that says in Retry-After when to try again. */
    public static ApiError retryLater(int status, String code, String message, long retryAfterSeconds) {
        return new ApiError(status, code, message, null, Math.max(1, retryAfterSeconds));
    }

    public static ApiError badRequest(String code, String message, String field) { return new ApiError(400, code, message, field); }
    public static ApiError invalid(String code, String message, String field) { return new ApiError(422, code, message, field); }
    public static ApiError notFound(String what) { return new ApiError(404, "not_found", what + " not found", null); }
    public static ApiError conflict(String code, String message) { return new ApiError(409, code, message, null); }
    public static ApiError unauthorized(String message) { return new ApiError(401, "unauthorized", message, null); }

    public int status() { return status; }
    public String code() { return code; }
    public String field() { return field; }
    /** Seconds for the Retry-After header, or 0 for none. */
    public long retryAfterSeconds() { return retryAfterSeconds; }
    public Response response() { return new Response(new Body(code, getMessage(), field)); }
}
