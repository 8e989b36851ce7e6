package io.verilock.service;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.util.InputStreamResponseListener;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Webhook endpoints per organisation and delivery of finalised sessions to them. Each attempt is signed
 * ({@code Verilock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}) and recorded;
 * failures are retried with doubling delays up to a bounded number of attempts.
 * Retries pending when the server stops are resumed when it starts again ({@link #resumePending}).
 *
 * <p>Targets are policed by {@link WebhookTargets}: the HTTP client resolves every host through it, so the address a
 * delivery connects to is the address that was checked (no DNS rebinding window), and redirects are never followed
 * (a 3xx answer is a failed attempt). A refused target is recorded as a failed attempt and not retried.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    public record Endpoint(String id, String url, Instant createdAt, @com.fasterxml.jackson.annotation.JsonIgnore String secret) {}
    /** Sent when the finaliser decides a session (approved, needs_review or declined). */
    public static final String SESSION_FINALISED = "session.finalised";
    /** Sent when a person approves or declines a needs_review session (POST /v1/sessions/{id}/review). */
    public static final String SESSION_REVIEWED = "session.reviewed";

    public record Delivery(String event, String endpointId, int attempt, Integer statusCode, String error, boolean succeeded, Instant createdAt) {}

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final WebhookTargets targets;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "verilock-webhooks");
        t.setDaemon(true);
        return t;
    });

    public Webhooks(Database db, Clock clock, int maxAttempts, Duration backoff, Duration timeout, boolean allowPrivateTargets) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
        this.timeout = timeout;
        this.targets = new WebhookTargets(allowPrivateTargets);
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("verilock-webhook-client");
        threads.setDaemon(true);
        http = new HttpClient(); // TLS: the JDK trust store, host name verification on (Jetty's client default)
        http.setExecutor(threads);
        http.setFollowRedirects(false);
        http.setConnectTimeout(timeout.toMillis());
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Verilock-Webhooks"));
        // Every connection's addresses come from here: the policy sees exactly what will be connected to.
        http.setSocketAddressResolver((host, port, promise) -> {
            try {
                List<InetSocketAddress> out = new ArrayList<>();
                for (InetAddress a : targets.resolvePublic(host)) out.add(new InetSocketAddress(a, port));
                promise.succeeded(out);
            } catch (Exception e) {
                promise.failed(e);
            }
        });
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the webhook HTTP client", e);
        }
    }

    /** The URL policy (registration checks). */
    WebhookTargets targets() { return targets; }

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
                rs.getString("event_type"), rs.getString("endpoint_id"), rs.getInt("attempt"), Database.nullable(rs, "status_code", Integer.class),
                rs.getString("error"), rs.getBoolean("succeeded"), Database.instant(rs, "created_at")), sessionId);
    }

    /** Queues delivery of {@code body} as {@code event} to every active endpoint of the organisation; returns at once. */
    public void send(String organisationId, String sessionId, String event, String body) {
        for (Endpoint e : endpoints(organisationId)) scheduler.execute(() -> attempt(e, sessionId, event, body, 1));
    }

    /**
     * Reschedules the retries a stopped server left pending: for each (session, endpoint, event) whose latest recorded
     * attempt failed, was not refused by the target policy and has attempts left, the next attempt is due where the
     * backoff put it (at once if that time has passed). The body is the session as it is now, since deliveries are
     * not stored. An attempt queued but not yet recorded when the server stopped is not known here and is lost.
     *
     * @param bodyOf the session detail for (organisation id, session id), empty if it is gone
     * @return how many deliveries were rescheduled
     */
    public int resumePending(BiFunction<String, String, Optional<String>> bodyOf) {
        record Pending(String organisationId, Endpoint endpoint, String sessionId, String event, int attempt, Instant at) {}
        List<Pending> pending = db.query("SELECT d.session_id, d.event_type, d.attempt, d.created_at AS attempted_at,"
                + " e.id, e.url, e.secret, e.created_at, e.organisation_id"
                + " FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id"
                + " WHERE e.disabled_at IS NULL AND d.succeeded = FALSE AND d.attempt < ?"
                + " AND (d.error IS NULL OR d.error NOT LIKE 'refused:%')"
                + " AND d.id = (SELECT MAX(l.id) FROM webhook_deliveries l"
                + " WHERE l.session_id = d.session_id AND l.endpoint_id = d.endpoint_id AND l.event_type = d.event_type)",
                rs -> new Pending(rs.getString("organisation_id"), endpoint(rs), rs.getString("session_id"),
                        rs.getString("event_type"), rs.getInt("attempt"), Database.instant(rs, "attempted_at")), maxAttempts);
        int resumed = 0;
        for (Pending p : pending) {
            var body = bodyOf.apply(p.organisationId(), p.sessionId());
            if (body.isEmpty()) continue;
            Instant due = p.at().plusMillis(backoff.toMillis() << Math.min(p.attempt() - 1, 16));
            long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            scheduler.schedule(() -> attempt(p.endpoint(), p.sessionId(), p.event(), body.get(), p.attempt() + 1), delay, TimeUnit.MILLISECONDS);
            resumed++;
        }
        if (resumed > 0) log.info("resumed {} pending webhook deliveries", resumed);
        return resumed;
    }

    public static String signature(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + Secrets.hmacSha256Hex(secret, timestamp + "." + body);
    }

    private void attempt(Endpoint e, String sessionId, String event, String body, int attempt) {
        MDC.put("session_id", sessionId);
        Integer status = null;
        String error = null;
        boolean refused = false;
        try {
            URI uri = URI.create(e.url());
            targets.checkScheme(uri);
            var listener = new InputStreamResponseListener();
            http.newRequest(uri)
                    .method(HttpMethod.POST)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> h
                            .put("Verilock-Event", event)
                            .put("Verilock-Signature", signature(e.secret(), clock.instant().getEpochSecond(), body)))
                    .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8))
                    .send(listener);
            Response response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            status = response.getStatus();
            try (InputStream ignored = listener.getInputStream()) {
                // the answer's body is not needed; closing discards it
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception ex) {
            Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
            refused = cause instanceof WebhookTargets.RefusedTargetException;
            error = truncate(refused ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        boolean ok = status != null && status >= 200 && status < 300;
        try {
            db.update("INSERT INTO webhook_deliveries (session_id, endpoint_id, event_type, attempt, status_code, error, succeeded, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sessionId, e.id(), event, attempt, status, error, ok, clock.instant());
        } catch (RuntimeException ex) {
            log.warn("could not record webhook attempt: {}", ex.getMessage());
        }
        if (!ok && !refused && attempt < maxAttempts && !scheduler.isShutdown()) {
            long delay = backoff.toMillis() << Math.min(attempt - 1, 16);
            log.info("webhook to {} failed (status={}, error={}); attempt {} in {} ms", e.url(), status, error, attempt + 1, delay);
            scheduler.schedule(() -> attempt(e, sessionId, event, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
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
        try {
            http.stop();
        } catch (Exception e) {
            log.warn("webhook HTTP client did not stop cleanly: {}", e.getMessage());
        }
    }
}
