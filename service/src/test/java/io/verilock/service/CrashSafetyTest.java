package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.image.JpegComment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 at random moments while sessions are being finalised (passive selfies through the real engine, in a server
 * running as its own JVM), then restart on the same database: every decision that anyone was told about — the HTTP
 * answer, the session detail read back, the signed webhook — must read back unchanged, and every finalised session's
 * client token must stay spent. Runs on the default embedded H2 file database and on PostgreSQL when configured.
 */
class CrashSafetyTest {
    private static final int MIN_ACKNOWLEDGED = 30;
    private static final int MIN_KILLS = 4;
    /** The test's whole budget; it stops earlier once it has enough acknowledged decisions and kills. */
    private static final Duration BUDGET = Duration.ofSeconds(120);
    private static final int WORKERS = 3;
    private static final String PASSIVE = "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"passive\"}}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A decision someone was told about; {@code detail} is null when only the selfie's 200 was seen. */
    private record Ack(String token, JsonNode detail) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.verilock.service.TestServer#databases")
    void noAcknowledgedDecisionIsLostAndNoSpentTokenWorksAgainAfterKill9(String db) throws Exception {
        TestServer.requireDatabase(db);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("verilock-crash");
        StatusReceiver receiver = new StatusReceiver();
        Map<String, String> webhooks = receiver.statuses; // session id -> status the webhook carried

        String key = "vl_test_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> env = new HashMap<>(Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(),
                "VERILOCK_DEMO_API_KEY", key, "VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true",
                "VERILOCK_WEBHOOK_URL", receiver.url(),
                "VERILOCK_WEBHOOK_BACKOFF_MILLIS", "200", "VERILOCK_RATE_LIMIT_PER_MINUTE", "0",
                "VERILOCK_CLIENT_RATE_LIMIT_PER_MINUTE", "0"));
        // H2: no VERILOCK_DB_URL, so the server's own default (the file database in the data folder) is what is tested.
        String schema = db.equals("postgresql") ? TestServer.postgresEnv(env) : null;

        Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> tokens = new ConcurrentHashMap<>(); // every session created -> its client token
        byte[] face = Subjects.astronautFrameJpeg(640, 480);
        AtomicInteger counter = new AtomicInteger();
        Map<String, String> problems = new LinkedHashMap<>();
        int kills = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        try {
            while ((acknowledged.size() < MIN_ACKNOWLEDGED || kills < MIN_KILLS) && System.nanoTime() < deadline) {
                try (ServerProcess server = ServerProcess.start(env, dir.resolve("server.log"))) {
                    problems.putAll(check(server, key, acknowledged, tokens, webhooks));
                    List<Thread> workers = new ArrayList<>();
                    for (int w = 0; w < WORKERS; w++) {
                        Thread t = new Thread(() -> stream(server, key, face, counter, tokens, acknowledged));
                        t.start();
                        workers.add(t);
                    }
                    // The engine loads its models on the first selfie; the random moment counts from its answer.
                    int before = acknowledged.size();
                    for (int i = 0; i < 600 && acknowledged.size() == before; i++) Thread.sleep(50);
                    Thread.sleep(random.nextInt(2500));
                    server.kill();
                    kills++;
                    for (Thread t : workers) t.join(30_000);
                }
            }
            try (ServerProcess server = ServerProcess.start(env, dir.resolve("server.log"))) {
                problems.putAll(check(server, key, acknowledged, tokens, webhooks));
            }
        } finally {
            receiver.close();
            if (schema != null) TestServer.dropSchema(schema);
        }
        System.out.printf("crash safety (%s, seed %d): %d kills, %d sessions, %d acknowledged decisions (%d webhooks), %d problems%n",
                db, seed, kills, tokens.size(), acknowledged.size(), webhooks.size(), problems.size());
        long lost = problems.keySet().stream().filter(k -> k.endsWith(" lost")).count();
        long usable = problems.keySet().stream().filter(k -> k.endsWith(" token")).count();
        System.out.printf("crash safety (%s): %d of %d acknowledged decisions lost or changed, %d spent tokens usable again%n",
                db, lost, acknowledged.size(), usable);
        problems.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(problems).as("after kill -9 (log: " + dir.resolve("server.log") + ")").isEmpty();
        assertThat(acknowledged.size()).as("acknowledged decisions within the budget").isGreaterThanOrEqualTo(MIN_ACKNOWLEDGED);
        assertThat(kills).isGreaterThanOrEqualTo(MIN_KILLS);
    }

    /** One worker: create a passive session, send its selfie, read the decision back; until the server dies. */
    private static void stream(ServerProcess server, String key, byte[] face, AtomicInteger counter, Map<String, String> tokens,
                               Map<String, Ack> acknowledged) {
        try {
            while (server.alive()) {
                HttpResponse<String> created = send(server, "POST", "/v1/sessions", key, PASSIVE.getBytes(StandardCharsets.UTF_8), "application/json");
                if (created.statusCode() != 201) continue;
                JsonNode s = Json.read(created.body());
                String id = s.get("id").asText(), token = s.get("client_token").asText();
                tokens.put(id, token);
                byte[] photo = Pictures.distinct(face, counter.incrementAndGet()); // a new picture per session: replays are refused
                if (send(server, "POST", "/v1/client/selfie", token, photo, "image/jpeg").statusCode() != 200) continue;
                acknowledged.put(id, new Ack(token, null));
                HttpResponse<String> detail = send(server, "GET", "/v1/sessions/" + id, key, null, null);
                if (detail.statusCode() == 200) acknowledged.put(id, new Ack(token, Json.read(detail.body())));
            }
        } catch (IOException | InterruptedException e) {
            // the server was killed mid-request: that request was never acknowledged
        }
    }

    /**
     * What the restarted server says about every acknowledged decision and every token: one line per problem, keyed
     * by session and kind so that a loss seen again after a later restart is counted once.
     */
    private static Map<String, String> check(ServerProcess server, String key, Map<String, Ack> acknowledged, Map<String, String> tokens,
                                             Map<String, String> webhooks) throws IOException, InterruptedException {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, JsonNode> now = new HashMap<>();
        for (String id : tokens.keySet()) {
            HttpResponse<String> r = send(server, "GET", "/v1/sessions/" + id, key, null, null);
            now.put(id, r.statusCode() == 200 ? Json.read(r.body()) : Json.MAPPER.createObjectNode().put("status", "HTTP " + r.statusCode()));
        }
        for (var e : acknowledged.entrySet()) {
            JsonNode read = now.get(e.getKey()), told = e.getValue().detail();
            if (told != null) {
                for (String field : List.of("status", "selfie", "finalised_at", "analysis")) {
                    if (!told.path(field).equals(read.path(field))) {
                        problems.put(e.getKey() + " lost", "acknowledged " + told.path("status") + " at " + told.path("finalised_at")
                                + ", reads back " + read.path("status") + " (" + field + " differs)");
                    }
                }
            } else if (!finalised(read)) {
                problems.put(e.getKey() + " lost", "selfie answered 200, reads back " + read.path("status"));
            }
        }
        for (var e : webhooks.entrySet()) {
            JsonNode read = now.get(e.getKey());
            String status = read == null ? "unknown" : read.path("status").asText();
            if (!status.equals(e.getValue())) problems.put(e.getKey() + " webhook", "webhook said " + e.getValue() + ", reads back " + status);
        }
        for (var e : tokens.entrySet()) {
            int status = send(server, "GET", "/v1/client/session", e.getValue(), null, null).statusCode();
            boolean told = acknowledged.containsKey(e.getKey()) || webhooks.containsKey(e.getKey());
            if ((finalised(now.get(e.getKey())) || told) && status != 401) {
                problems.put(e.getKey() + " token", "decided, reads back " + now.get(e.getKey()).path("status") + ", its client token answers " + status);
            }
        }
        return problems;
    }

    private static boolean finalised(JsonNode session) {
        return session.hasNonNull("finalised_at");
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, String bearer, byte[] body, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer);
        b = body == null ? b.GET() : b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
