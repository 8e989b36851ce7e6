package io.verilock.service;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bounds what request bodies can hold, before any handler reads one (service/README.md, "Limits"). A request thread
 * waits while a body arrives, so slow bodies could hold every thread: a client address may send
 * {@code uploadsPerClient} bodies at once and the server {@code uploadsTotal} (well under the thread pool, so
 * /health and body-less requests always find a thread); past that the request is refused at once, before its body
 * is read, with 429 (this client) or 503 (the server), each with Retry-After. A body let in must arrive within
 * {@code bodyTimeout} (408 after), and Jetty's idle timeout ends a read that waits longer for a byte. A body
 * without Content-Length (chunked) is cut off at the largest size accepted, as Javalin checks only a declared length.
 */
final class RequestLimits implements Filter {
    static final String ADDRESS = "verilock.client_address";

    private final Config.Limits limits;
    private final long maxBodyBytes;
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Semaphore total;

    RequestLimits(Config.Limits limits, long maxBodyBytes) {
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.total = new Semaphore(limits.uploadsTotal());
    }

    /** The client address the filter resolved for this request (trusted proxies applied). */
    static String address(HttpServletRequest req) {
        Object a = req.getAttribute(ADDRESS);
        return a != null ? a.toString() : req.getRemoteAddr();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String address = ClientAddress.of(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"), limits.trustedProxies());
        req.setAttribute(ADDRESS, address);
        boolean chunked = req.getContentLengthLong() < 0 && req.getHeader("Transfer-Encoding") != null;
        if (req.getContentLengthLong() <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        int mine = perClient.merge(address, 1, Integer::sum);
        boolean held = false;
        try {
            if (mine > limits.uploadsPerClient()) {
                refuse((HttpServletResponse) response, ApiError.retryLater(429, "too_many_uploads", "At most "
                        + limits.uploadsPerClient() + " request bodies at once from one client; wait for one to finish", 1));
                return;
            }
            held = total.tryAcquire();
            if (!held) {
                refuse((HttpServletResponse) response, ApiError.retryLater(503, "server_busy",
                        "The server is receiving as many request bodies as it accepts at once; try again shortly", 1));
                return;
            }
            chain.doFilter(new BoundedBody(req, maxBodyBytes, System.nanoTime() + limits.bodyTimeout().toNanos()), response);
        } finally {
            if (held) total.release();
            perClient.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    private static void refuse(HttpServletResponse res, ApiError e) throws IOException {
        res.setStatus(e.status());
        res.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", "no-store");
        // The body is not read: the connection cannot be reused.
        res.setHeader("Connection", "close");
        res.setContentType("application/json");
        res.getOutputStream().write(Json.write(e.response()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reading the body failed on the client's side: too large, malformed (a bad chunk size), too slow, or cut off.
     * Jetty reports the last two as EofException, which Javalin would answer itself with an empty 500; this type
     * reaches the service's error handler, which answers with the status and a JSON error.
     */
    static final class BodyFailed extends IOException {
        final int status;
        final String code;

        BodyFailed(int status, String code, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.code = code;
        }

        ApiError error() {
            return new ApiError(status, code, getMessage(), null);
        }

        static BodyFailed of(Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.eclipse.jetty.http.BadMessageException bad) {
                    if (bad.getCode() == 408) return new BodyFailed(408, "request_timeout", "The request body arrived too slowly", e);
                    if (bad.getCode() == 413) return new BodyFailed(413, "payload_too_large", "The request body is too large", e);
                    return new BodyFailed(400, "malformed_request", "The request body is malformed: "
                            + (bad.getReason() == null ? "bad framing" : bad.getReason()), e);
                }
                if (t instanceof java.util.concurrent.TimeoutException) {
                    return new BodyFailed(408, "request_timeout", "The request body stopped arriving", e);
                }
            }
            return new BodyFailed(400, "body_unreadable", "The request body could not be read: the connection closed or its framing is malformed", e);
        }
    }

    /** A request whose body stream stops at the limit, and whose read failures are {@link BodyFailed}. */
    private static final class BoundedBody extends HttpServletRequestWrapper {
        private final long limit;
        private final long deadline;
        private ServletInputStream in;

        BoundedBody(HttpServletRequest req, long limit, long deadlineNanos) {
            super(req);
            this.limit = limit;
            this.deadline = deadlineNanos;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) in = new Counting(super.getInputStream(), limit, deadline);
            return in;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final long deadline;
        private long read;

        Counting(ServletInputStream in, long limit, long deadlineNanos) {
            this.in = in;
            this.limit = limit;
            this.deadline = deadlineNanos;
        }

        private int count(int n) throws BodyFailed {
            if (n > 0 && (read += n) > limit) {
                throw new BodyFailed(413, "payload_too_large", "The request body is larger than " + limit + " bytes", null);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() - deadline > 0) {
                throw new BodyFailed(408, "request_timeout", "The request body did not arrive in time", null);
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (BodyFailed e) {
                throw e;
            } catch (IOException | org.eclipse.jetty.http.BadMessageException e) {
                throw BodyFailed.of(e);
            }
            return count(n);
        }
        @Override public boolean isFinished() { return in.isFinished(); }
        @Override public boolean isReady() { return in.isReady(); }
        @Override public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
