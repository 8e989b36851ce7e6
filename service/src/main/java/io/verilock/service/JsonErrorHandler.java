package io.verilock.service;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own answers (a request it cannot parse: bad request line, headers too large, URI too long; errors outside
 * Javalin) in the service's JSON error shape rather than an HTML page, so every 4xx names its problem alike.
 */
final class JsonErrorHandler extends ErrorHandler {

    static byte[] body(int status, String reason) {
        String code = switch (status) {
            case 400 -> "malformed_request";
            case 404 -> "not_found";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        String message = status >= 500 && status != 505 ? "Internal server error"
                : reason != null && !reason.isBlank() ? reason : HttpStatus.getMessage(status);
        return Json.write(new ApiError(status, code, message, null).response()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        fields.put(new HttpField("X-Content-Type-Options", "nosniff"));
        return BufferUtil.toBuffer(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message));
    }
}
