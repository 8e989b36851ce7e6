package io.verilock.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Webhook endpoints per organisation and delivery of finalised sessions to them. Each attempt is signed
 * ({@code Verilock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}) and recorded;
 * failures are retried with doubling delays up to a bounded number of attempts.
 * Retries pending when the server stops are not resumed (see README).
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    public record Endpoint(String id, String url, Instant createdAt, @com.fasterxml.jackson.annotation.JsonIgnore String secret) {}
    public record Delivery(String endpointId, int attempt, Integer statusCode, String error, boolean succeeded, Instant createdAt) {}

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "verilock-webhooks");
        t.setDaemon(true);
        return t;
    });

    public Webhooks(Database db, Clock clock, int maxAttempts, Duration backoff, Duration timeout) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Registers an endpoint; the returned secret is shown once to the caller. */
    public Endpoint create(String organisationId, String url, String secret) {
        Endpoint e = new Endpoint("whe_" + UUID.randomUUID(), url, Times.now(clock), secret != null ? secret : Secrets.token("whsec_"));
        db.update("INSERT INTO webhook_endpoints (id, organisation_id, url, secret, created_at) VALUES (?, ?, ?, ?, ?)",
                e.id(), organisationId, e.url(), e.secret(), e.createdAt());
        return e;
    }

    public List<Endpoint> endpoints(String organisationId) {
        return db.query("SELECT * FROM webhook_endpoints WHERE organisation_id = ? AND disabled_at IS NULL ORDER BY created_at, id",
                Webhooks::endpoint, organisationId);
    }

    public boolean disable(String organisationId, String id) {
        return db.update("UPDATE webhook_endpoints SET disabled_at = ? WHERE organisation_id = ? AND id = ? AND disabled_at IS NULL",
                clock.instant(), organisationId, id) == 1;
    }

    public List<Delivery> deliveries(String sessionId) {
        return db.query("SELECT * FROM webhook_deliveries WHERE session_id = ? ORDER BY id", rs -> new Delivery(
                rs.getString("endpoint_id"), rs.getInt("attempt"), Database.nullable(rs, "status_code", Integer.class),
                rs.getString("error"), rs.getBoolean("succeeded"), Database.instant(rs, "created_at")), sessionId);
    }

    /** Queues delivery of {@code body} to every active endpoint of the organisation; returns at once. */
    public void send(String organisationId, String sessionId, String body) {
        for (Endpoint e : endpoints(organisationId)) scheduler.execute(() -> attempt(e, sessionId, body, 1));
    }

    public static String signature(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + Secrets.hmacSha256Hex(secret, timestamp + "." + body);
    }

    private void attempt(Endpoint e, String sessionId, String body, int attempt) {
        MDC.put("session_id", sessionId);
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(e.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Verilock-Event", "session.finalised")
                    .header("Verilock-Signature", signature(e.secret(), clock.instant().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception ex) {
            error = truncate(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        boolean ok = status != null && status >= 200 && status < 300;
        try {
            db.update("INSERT INTO webhook_deliveries (session_id, endpoint_id, attempt, status_code, error, succeeded, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    sessionId, e.id(), attempt, status, error, ok, clock.instant());
        } catch (RuntimeException ex) {
            log.warn("could not record webhook attempt: {}", ex.getMessage());
        }
        if (!ok && attempt < maxAttempts && !scheduler.isShutdown()) {
            long delay = backoff.toMillis() << Math.min(attempt - 1, 16);
            log.info("webhook to {} failed (status={}, error={}); attempt {} in {} ms", e.url(), status, error, attempt + 1, delay);
            scheduler.schedule(() -> attempt(e, sessionId, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } else if (!ok) {
            log.warn("webhook to {} abandoned after {} attempts", e.url(), attempt);
        }
        MDC.remove("session_id");
    }

    private static String truncate(String s) { return s.length() <= 500 ? s : s.substring(0, 500); }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("id"), rs.getString("url"), Database.instant(rs, "created_at"), rs.getString("secret"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
