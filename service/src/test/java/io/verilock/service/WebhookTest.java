package io.verilock.service;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks to a receiver on 127.0.0.1: signature, retries with backoff, the bound on attempts, the attempt log.
 * Test servers retry after 50 ms and give up after 3 attempts (see TestServer). A local receiver is a private
 * target, so this class's server allows them explicitly (VERILOCK_WEBHOOK_ALLOW_PRIVATE); WebhookTargetsTest covers
 * the default policy.
 */
class WebhookTest extends DatabaseTest {

    /** Hides DatabaseTest's server start: the same server, allowing http and private webhook targets. */
    @BeforeParameterizedClassInvocation
    static void startServer(String db) { t = TestServer.start(db, Map.of("VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true")); }

    record Received(String body, String signature, String event) {}

    HttpServer receiver;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Status codes to answer with, in order; 200 once exhausted. */
    final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/elsewhere", exchange -> {
            received.add(new Received("redirected", null, null));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/elsewhere");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Verilock-Signature"),
                    exchange.getRequestHeaders().getFirst("Verilock-Event")));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() { receiver.stop(0); }

    String url() { return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"; }

    @Test
    void finalisationPostsTheSignedSessionDetail() throws Exception {
        String key = t.newOrg(false);
        var endpoint = t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url() + "\"}");
        assertThat(endpoint.status()).isEqualTo(201);
        String secret = endpoint.json().get("secret").asText();
        assertThat(t.get("/v1/webhook_endpoints", key).json().get("data").get(0).has("secret")).isFalse();

        String id = t.createSession(key).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(92.5, true, 80));
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.event()).isEqualTo("session.finalised");
        assertThat(Json.read(r.body())).isEqualTo(t.get("/v1/sessions/" + id, key).json());
        assertThat(r.body()).doesNotContain("\"event\"");

        // Verify as a receiver would: t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + body)>.
        String[] parts = r.signature().split(",");
        long ts = Long.parseLong(parts[0].substring(2));
        assertThat(Math.abs(ts - t.clock.instant().getEpochSecond())).isLessThan(60);
        assertThat(parts[1]).isEqualTo("v1=" + Secrets.hmacSha256Hex(secret, ts + "." + r.body()));
        assertThat(parts[1]).isNotEqualTo("v1=" + Secrets.hmacSha256Hex("wrong", ts + "." + r.body()));

        var attempts = awaitAttempts(key, id, 1);
        assertThat(attempts.get(0).get("succeeded").asBoolean()).isTrue();
        assertThat(attempts.get(0).get("status_code").asInt()).isEqualTo(200);
    }

    @Test
    void failuresAreRetriedWithBackoffUntilSuccess() throws Exception {
        String key = t.newOrg(false);
        t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url() + "\"}");
        answers.addAll(List.of(500, 503));
        String id = t.createSession(key).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(20, false, 80));
        var attempts = awaitAttempts(key, id, 3);
        assertThat(attempts.stream().map(a -> a.get("status_code").asInt())).containsExactly(500, 503, 200);
        assertThat(attempts.stream().map(a -> a.get("attempt").asInt())).containsExactly(1, 2, 3);
        assertThat(attempts.get(2).get("succeeded").asBoolean()).isTrue();
        Instant first = Instant.parse(attempts.get(0).get("created_at").asText());
        Instant third = Instant.parse(attempts.get(2).get("created_at").asText());
        assertThat(Duration.between(first, third)).isGreaterThanOrEqualTo(Duration.ofMillis(150)); // 50 + 100 ms
    }

    @Test
    void attemptsAreBounded() throws Exception {
        String key = t.newOrg(false);
        t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url() + "\"}");
        answers.addAll(List.of(500, 500, 500, 500, 500));
        String id = t.createSession(key).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(20, false, 80));
        awaitAttempts(key, id, 3);
        Thread.sleep(500);
        var attempts = awaitAttempts(key, id, 3);
        assertThat(attempts).hasSize(3).allSatisfy(a -> assertThat(a.get("succeeded").asBoolean()).isFalse());
    }

    @Test
    void disabledEndpointsReceiveNothing() throws Exception {
        String key = t.newOrg(false);
        String endpoint = t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url() + "\"}").json().get("id").asText();
        assertThat(t.delete("/v1/webhook_endpoints/" + endpoint, key).status()).isEqualTo(204);
        assertThat(t.delete("/v1/webhook_endpoints/" + endpoint, key).status()).isEqualTo(404);
        String id = t.createSession(key).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(92, true, 80));
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(t.get("/v1/sessions/" + id + "/webhooks", key).json().get("data")).isEmpty();
    }

    @Test
    void aManualReviewSendsTheSignedSessionReviewedEvent() throws Exception {
        String key = t.newOrg(false);
        String secret = t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url() + "\"}").json().get("secret").asText();
        String id = t.createSession(key).get("id").asText();
        assertThat(t.server.finalizer().finalise(id, TestServer.result(60, false, 80)).status()).isEqualTo("needs_review");
        Received decided = received.poll(10, TimeUnit.SECONDS);
        assertThat(decided.event()).isEqualTo("session.finalised");
        assertThat(Json.read(decided.body()).get("status").asText()).isEqualTo("needs_review");
        // The attempt is recorded after the receiver answers: wait for it, so that the two records' order is the
        // order of the events and not a race with the review's delivery on a loaded machine.
        awaitAttempts(key, id, 1);

        var review = t.post("/v1/sessions/" + id + "/review", key, "{\"decision\": \"declined\", \"note\": \"mask\"}");
        assertThat(review.status()).isEqualTo(200);
        Received reviewed = received.poll(10, TimeUnit.SECONDS);
        assertThat(reviewed).isNotNull();
        assertThat(reviewed.event()).isEqualTo("session.reviewed");
        assertThat(Json.read(reviewed.body())).isEqualTo(t.get("/v1/sessions/" + id, key).json()).isEqualTo(review.json());
        assertThat(Json.read(reviewed.body()).at("/review/decision").asText()).isEqualTo("declined");
        assertThat(Json.read(reviewed.body()).get("status").asText()).isEqualTo("declined");
        String[] parts = reviewed.signature().split(",");
        assertThat(parts[1]).isEqualTo("v1=" + Secrets.hmacSha256Hex(secret, parts[0].substring(2) + "." + reviewed.body()));

        var attempts = awaitAttempts(key, id, 2);
        assertThat(attempts.stream().map(a -> a.get("event").asText())).containsExactly("session.finalised", "session.reviewed");
        assertThat(attempts).allSatisfy(a -> assertThat(a.get("succeeded").asBoolean()).isTrue());

        // A refused review (already decided) sends nothing.
        assertThat(t.post("/v1/sessions/" + id + "/review", key, "{\"decision\": \"approved\"}").status()).isEqualTo(409);
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(t.get("/v1/sessions/" + id + "/webhooks", key).json().get("data")).hasSize(2);
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        String key = t.newOrg(false);
        String moved = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/moved";
        assertThat(t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + moved + "\"}").status()).isEqualTo(201);
        String id = t.createSession(key).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(92, true, 80));
        var attempts = awaitAttempts(key, id, 3);
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.get("status_code").asInt()).isEqualTo(307);
            assertThat(a.get("succeeded").asBoolean()).isFalse();
        });
        assertThat(received).isEmpty();
    }

    static List<com.fasterxml.jackson.databind.JsonNode> awaitAttempts(String key, String id, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var data = t.get("/v1/sessions/" + id + "/webhooks", key).json().get("data");
            if (data.size() >= count || System.nanoTime() > deadline) {
                List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
                data.forEach(out::add);
                assertThat(out).hasSize(count);
                return out;
            }
            Thread.sleep(25);
        }
    }
}
