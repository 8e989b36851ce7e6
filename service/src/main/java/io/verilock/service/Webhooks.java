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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Webhook endpoints per organisation and delivery of decisions to them. Each attempt is signed
 * ({@code Verilock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}) and recorded;
 * failures are retried with doubling delays up to a bounded number of attempts.
 *
 * <p>Deliveries go through the {@code webhook_outbox} table: {@link #enqueue} writes them in the caller's transaction
 * (the decision's), and every instance sharing the database polls for due rows and claims each with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} plus a lease ({@code due_at} moved past the delivery timeout), so each
 * attempt is made by exactly one instance; an instance that dies mid-attempt loses its claim when the lease ends.
 * A retry is the row becoming due again after its backoff, on whichever instance polls first.
 *
 * <p>Targets are policed by {@link WebhookTargets}: the HTTP client resolves every host through it, so the address a
 * delivery connects to is the address that was checked (no DNS rebinding window), and redirects are never followed
 * (a 3xx answer is a failed attempt). A refused target is recorded as a failed attempt and not retried.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    /** Deliveries in flight per instance: rows are claimed only for free slots, so no claim waits in a queue. */
    private static final int CONCURRENCY = 8;

    public record Endpoint(String id, String url, Instant createdAt, @com.fasterxml.jackson.annotation.JsonIgnore String secret) {}
    /** Sent when the finaliser decides a session (approved, needs_review or declined). */
    public static final String SESSION_FINALISED = "session.finalised";
    /** Sent when a person approves or declines a needs_review session (POST /v1/sessions/{id}/review). */
    public static final String SESSION_REVIEWED = "session.reviewed";

    public record Delivery(String event, String endpointId, int attempt, Integer statusCode, String error, boolean succeeded, Instant createdAt) {}

    /** A claimed outbox row. */
    private record Job(long id, String sessionId, String endpointId, String event, String body, int attempt) {}

    private final Database db;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final Duration pollInterval;
    /** How long a claim holds: past the attempt's connect and response timeouts, with room to record the result. */
    private final Duration lease;
    private final String instanceId = "inst_" + UUID.randomUUID().toString().substring(0, 8);
    private final WebhookTargets targets;
    private final HttpClient http;
    private final Semaphore slots = new Semaphore(CONCURRENCY);
    private final ExecutorService deliveries = Executors.newFixedThreadPool(CONCURRENCY, daemon("verilock-webhooks"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("verilock-webhook-poller"));
    private volatile BiFunction<String, String, Optional<String>> currentBody = (org, id) -> Optional.empty();

    public Webhooks(Database db, Clock clock, int maxAttempts, Duration backoff, Duration timeout, boolean allowPrivateTargets) {
        this(db, clock, maxAttempts, backoff, timeout, allowPrivateTargets, Duration.ofSeconds(1));
    }

    public Webhooks(Database db, Clock clock, int maxAttempts, Duration backoff, Duration timeout, boolean allowPrivateTargets,
                    Duration pollInterval) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.lease = timeout.multipliedBy(2).plusSeconds(30);
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

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
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

    /**
     * Queues delivery of {@code body} as {@code event} to every active endpoint of the organisation, inside the
     * caller's transaction: the rows exist exactly when that transaction commits. Call {@link #kick()} after the commit.
     */
    public void enqueue(Connection c, String organisationId, String sessionId, String event, String body) throws SQLException {
        Database.update(c, "INSERT INTO webhook_outbox (session_id, endpoint_id, event_type, body, attempt, due_at)"
                        + " SELECT ?, id, ?, ?, 1, ? FROM webhook_endpoints WHERE organisation_id = ? AND disabled_at IS NULL",
                sessionId, event, body, clock.instant(), organisationId);
    }

    /** Looks for due deliveries now (after a commit that queued some), instead of at the next poll. */
    public void kick() {
        if (!poller.isShutdown()) poller.execute(this::poll);
    }

    /**
     * Starts polling the outbox every poll interval: deliveries queued by any instance, retries whose backoff has
     * passed, and claims whose lease ended (an instance that stopped mid-attempt). Retries carried over from before
     * the outbox have no stored body; {@code currentBody} renders the session as it is now (organisation id, session id).
     */
    public void start(BiFunction<String, String, Optional<String>> currentBody) {
        this.currentBody = currentBody;
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("webhook deliveries polled every {} ms as instance {}", pollInterval.toMillis(), instanceId);
    }

    /** Claims as many due rows as there are free delivery slots and starts their attempts. */
    private void poll() {
        try {
            int free = slots.availablePermits();
            if (free == 0 || deliveries.isShutdown()) return;
            Instant now = clock.instant();
            List<Job> jobs = db.tx(c -> {
                List<Job> due = Database.query(c, "SELECT id, session_id, endpoint_id, event_type, body, attempt FROM webhook_outbox"
                                + " WHERE due_at <= ? ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
                        rs -> new Job(rs.getLong("id"), rs.getString("session_id"), rs.getString("endpoint_id"), rs.getString("event_type"),
                                rs.getString("body"), rs.getInt("attempt")), now, free);
                for (Job j : due) {
                    Database.update(c, "UPDATE webhook_outbox SET due_at = ?, claimed_by = ? WHERE id = ?", now.plus(lease), instanceId, j.id());
                }
                return due;
            });
            for (Job j : jobs) {
                if (!slots.tryAcquire()) { // cannot happen while this poller is the only one taking slots; release the claim
                    db.update("UPDATE webhook_outbox SET due_at = ?, claimed_by = NULL WHERE id = ? AND claimed_by = ?", now, j.id(), instanceId);
                    continue;
                }
                deliveries.execute(() -> {
                    try {
                        attempt(j);
                    } finally {
                        slots.release();
                    }
                });
            }
            if (jobs.size() == free) kick(); // more may be due
        } catch (RuntimeException e) {
            log.warn("webhook outbox poll failed: {}", e.getMessage());
        }
    }

    public static String signature(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + Secrets.hmacSha256Hex(secret, timestamp + "." + body);
    }

    /** One claimed attempt: deliver, record, then delete the row or make it due again after the backoff. */
    private void attempt(Job job) {
        MDC.put("session_id", job.sessionId());
        try {
            var found = db.first("SELECT * FROM webhook_endpoints WHERE id = ? AND disabled_at IS NULL",
                    rs -> Map.entry(endpoint(rs), rs.getString("organisation_id")), job.endpointId());
            String body = job.body() != null || found.isEmpty() ? job.body()
                    : currentBody.apply(found.get().getValue(), job.sessionId()).orElse(null);
            if (found.isEmpty() || body == null || job.attempt() > maxAttempts) {
                // Endpoint disabled since, session gone, or attempts lowered since: nothing to send.
                db.update("DELETE FROM webhook_outbox WHERE id = ? AND claimed_by = ?", job.id(), instanceId);
                return;
            }
            Endpoint e = found.get().getKey();
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
                                .put("Verilock-Event", job.event())
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
            record(job, e, status, error, refused);
        } catch (RuntimeException ex) {
            log.warn("webhook delivery {} failed: {}", job.id(), ex.getMessage());
        } finally {
            MDC.remove("session_id");
        }
    }

    private void record(Job job, Endpoint e, Integer status, String error, boolean refused) {
        boolean ok = status != null && status >= 200 && status < 300;
        boolean retry = !ok && !refused && job.attempt() < maxAttempts;
        long delay = backoff.toMillis() << Math.min(job.attempt() - 1, 16);
        Instant now = clock.instant();
        boolean stillOurs = db.tx(c -> {
            Database.update(c, "INSERT INTO webhook_deliveries (session_id, endpoint_id, event_type, attempt, status_code, error, succeeded, created_at, instance_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", job.sessionId(), e.id(), job.event(), job.attempt(), status, error, ok, now, instanceId);
            return retry
                    ? Database.update(c, "UPDATE webhook_outbox SET attempt = ?, due_at = ?, claimed_by = NULL WHERE id = ? AND claimed_by = ?",
                            job.attempt() + 1, now.plusMillis(delay), job.id(), instanceId) == 1
                    : Database.update(c, "DELETE FROM webhook_outbox WHERE id = ? AND claimed_by = ?", job.id(), instanceId) == 1;
        });
        if (!stillOurs) {
            log.warn("webhook delivery {} outlived its claim ({} ms); another instance may repeat it", job.id(), lease.toMillis());
        } else if (retry) {
            log.info("webhook to {} failed (status={}, error={}); attempt {} in {} ms", e.url(), status, error, job.attempt() + 1, delay);
            // This instance looks again when the retry is due; any other instance may claim it first.
            if (!poller.isShutdown()) poller.schedule(this::poll, delay, TimeUnit.MILLISECONDS);
        } else if (!ok) {
            log.warn("webhook to {} abandoned after {} attempts", e.url(), job.attempt());
        }
    }

    private static String truncate(String s) { return s.length() <= 500 ? s : s.substring(0, 500); }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("id"), rs.getString("url"), Database.instant(rs, "created_at"), rs.getString("secret"));
    }

    /**
     * Stops polling and lets attempts in flight finish (up to 2 s, then they are interrupted and recorded as failed,
     * to be retried); a claim whose result could not be recorded is taken over when its lease ends.
     */
    @Override
    public void close() {
        poller.shutdownNow();
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(2, TimeUnit.SECONDS)) {
                deliveries.shutdownNow();
                deliveries.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            http.stop();
        } catch (Exception e) {
            log.warn("webhook HTTP client did not stop cleanly: {}", e.getMessage());
        }
    }
}
