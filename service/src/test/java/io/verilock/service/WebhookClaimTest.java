package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances on one database, both polling the webhook outbox: every delivery and every retry is made by
 * exactly one of them. The receiver fails each session's first two deliveries, so each session must be received
 * exactly three times (attempts 1, 2, 3), whichever instance claims each attempt.
 */
class WebhookClaimTest {
    private static final int SESSIONS = 24;
    private static final Map<String, String> ENV = Map.of("VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true",
            // Both instances poll often, so they compete for every due row; retries 100, 200 ms after a failure.
            "VERILOCK_WEBHOOK_POLL_MILLIS", "20", "VERILOCK_WEBHOOK_BACKOFF_MILLIS", "100", "VERILOCK_WEBHOOK_MAX_ATTEMPTS", "5");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.verilock.service.TestServer#databases")
    void eachAttemptIsMadeByExactlyOneOfTwoInstances(String db) throws Exception {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String id = Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("id").asText();
            int n = received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(n <= 2 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.start();
        try (TestServer a = TestServer.start(db, ENV); TestServer b = TestServer.startSharing(a, ENV)) {
            String key = a.newOrg(false);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            assertThat(a.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url + "\"}").status()).isEqualTo(201);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String id = a.createSession(key).get("id").asText();
                ids.add(id);
                (i % 2 == 0 ? a : b).server.finalizer().finalise(id, TestServer.result(92, true, 80));
            }
            for (int i = 0; i < 400 && !ids.stream().allMatch(id -> received.containsKey(id) && received.get(id).get() >= 3); i++) Thread.sleep(25);
            Thread.sleep(1000); // several more polls and backoffs: a repeated attempt would arrive now

            for (String id : ids) {
                assertThat(received.get(id)).as(id).isNotNull();
                assertThat(received.get(id).get()).as("deliveries received for " + id).isEqualTo(3);
                JsonNode log = b.get("/v1/sessions/" + id + "/webhooks", key).json().get("data");
                List<Integer> attempts = new ArrayList<>(), statuses = new ArrayList<>();
                log.forEach(d -> {
                    attempts.add(d.get("attempt").asInt());
                    statuses.add(d.get("status_code").asInt());
                });
                assertThat(attempts).as(id).containsExactly(1, 2, 3);
                assertThat(statuses).as(id).containsExactly(500, 500, 200);
            }
            Map<String, Integer> byInstance = new java.util.TreeMap<>();
            a.server.database().query("SELECT instance_id, COUNT(*) AS n FROM webhook_deliveries GROUP BY instance_id",
                    rs -> byInstance.put(rs.getString(1), rs.getInt(2)));
            int pending = a.server.database().first("SELECT COUNT(*) FROM webhook_outbox", rs -> rs.getInt(1)).orElseThrow();
            System.out.printf("webhook claims (%s): %d attempts for %d sessions, by instance %s; outbox left %d%n",
                    db, byInstance.values().stream().mapToInt(Integer::intValue).sum(), SESSIONS, byInstance.values(), pending);
            assertThat(byInstance).as("both instances delivered").hasSize(2);
            assertThat(pending).isZero();
        } finally {
            receiver.stop(0);
        }
    }
}
