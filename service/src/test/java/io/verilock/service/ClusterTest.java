package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production layout in small (service/README.md, "Production layout"): two server processes on one PostgreSQL
 * and one S3-compatible bucket behind nginx (Debian's package) with plain round-robin. Sessions are created, given
 * documents and decided (passive selfies through the real engine) through the balancer, so consecutive requests of
 * one session land on different instances; then one instance is killed with SIGKILL while decisions stream, and the
 * stream goes on through the other. Every decision acknowledged reads back unchanged through the balancer, every
 * evidence image reads back byte for byte, and nginx's log shows both instances served.
 * Needs VERILOCK_TEST_PG_URL and nginx (CI installs both); skipped with a message otherwise.
 */
class ClusterTest {
    private static final String PASSIVE = "{\"profile\": {\"steps\": [\"document\", \"selfie\"], \"liveness_mode\": \"passive\"}}";
    private static final String ACTIVE = """
            {"profile": {"steps": ["selfie"], "liveness_mode": "active", "liveness_threshold": 75,
                         "liveness_challenges": ["head_left", "blink", "smile", "head_right"]}}""";
    private static final String ORDER = "{\"order\": [\"head_left\", \"blink\", \"smile\", \"head_right\"]}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoInstancesBehindRoundRobinNginxShareEverythingAndSurviveAKill9() throws Exception {
        TestServer.requireDatabase("postgresql");
        Path nginx = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx")).stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (nginx == null) {
            System.out.println("skipped: nginx not installed (apt-get install nginx-light; .ci/run does)");
            Assumptions.abort("skipped: nginx not installed");
        }
        Path dir = Files.createTempDirectory("verilock-cluster");
        StatusReceiver receiver = new StatusReceiver();
        Map<String, String> webhooks = receiver.statuses; // session id -> status the webhook carried
        String key = "vl_test_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> env = new HashMap<>();
        String schema = TestServer.postgresEnv(env);
        Process balancer = null;
        ServerProcess one = null, two = null;
        try (S3Server s3 = new S3Server("verilock-cluster")) {
            env.putAll(s3.env());
            env.putAll(Map.of("VERILOCK_PORT", "0", "VERILOCK_DEMO_API_KEY", key, "VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true",
                    "VERILOCK_WEBHOOK_URL", receiver.url(),
                    "VERILOCK_RATE_LIMIT_PER_MINUTE", "0", "VERILOCK_CLIENT_RATE_LIMIT_PER_MINUTE", "0"));
            // The scripted analyzer stands in for the models: active captures can then be acted out frame by frame.
            one = ServerProcess.start(with(env, "VERILOCK_DATA_DIR", dir.resolve("one").toString()), dir.resolve("one.log"), ScriptedServerMain.class);
            two = ServerProcess.start(with(env, "VERILOCK_DATA_DIR", dir.resolve("two").toString()), dir.resolve("two.log"), ScriptedServerMain.class);
            int port = freePort();
            balancer = startNginx(nginx, dir, port, one.port, two.port);
            String base = "http://127.0.0.1:" + port;
            byte[] face = null; // passive photos are scripted faces (decide())

            // Both alive: every step of a session may land on either instance.
            Map<String, JsonNode> decided = new ConcurrentHashMap<>();
            Map<String, byte[]> documents = new ConcurrentHashMap<>();
            AtomicInteger counter = new AtomicInteger();
            for (int i = 0; i < 8; i++) decide(base, key, face, counter, decided, documents);
            assertThat(decided).hasSize(8);

            // An active capture through the balancer, its frames alternating between the instances; instance one is
            // killed in the middle (between two frames), and the capture completes through instance two.
            JsonNode capture = Json.read(send(base, "POST", "/v1/sessions", key, ACTIVE.getBytes(StandardCharsets.UTF_8), "application/json").body());
            String captureId = capture.get("id").asText(), captureToken = capture.get("client_token").asText();
            HttpResponse<String> started = send(base, "POST", "/v1/client/capture", captureToken, ORDER.getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            List<byte[]> frames = new ScriptedFaces().neutral(8, 0.9).turn(-1, 0.9).blink(0.9).smile(0.9).turn(1, 0.9).neutral(3, 0.9).jpegs();
            JsonNode answer = null;
            int killedAt = 26; // baseline, head_left and the blink done; the smile under way
            for (int i = 0; i < frames.size(); i++) {
                if (i == killedAt) one.kill();
                HttpResponse<String> r = send(base, "POST", "/v1/client/capture/frames", captureToken, frames.get(i), "image/jpeg");
                assertThat(r.statusCode()).as("frame %d: %s", i, r.body()).isEqualTo(200);
                answer = Json.read(r.body());
                if (i == killedAt - 1) assertThat(answer.get("completed").asInt()).as("challenges done before the kill").isEqualTo(2);
                if (answer.get("finished").asBoolean()) break;
                Thread.sleep(100);
            }
            assertThat(answer.get("state").asText()).isEqualTo("done");
            JsonNode captured = Json.read(send(base, "GET", "/v1/sessions/" + captureId, key, null, null).body());
            assertThat(captured.get("status").asText()).as(captured.toString()).isEqualTo("approved");
            assertThat(captured.get("selfie").get("challenges_completed")).hasSize(4);
            int oneServedCapture = upstreams(dir.resolve("access.log")).getOrDefault("127.0.0.1:" + one.port, 0);
            assertThat(oneServedCapture).as("instance one served part of the capture").isPositive();
            // Decisions go on streaming through the survivor (below); instance one is started again first.
            one = ServerProcess.start(with(env, "VERILOCK_DATA_DIR", dir.resolve("one").toString()), dir.resolve("one.log"), ScriptedServerMain.class);
            balancer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            balancer = startNginx(nginx, dir, port, one.port, two.port);

            // Decisions streaming from two clients; one instance is killed in the middle.
            AtomicBoolean run = new AtomicBoolean(true);
            AtomicInteger failed = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                Thread t = new Thread(() -> {
                    while (run.get()) {
                        try {
                            if (!decide(base, key, face, counter, decided, documents)) failed.incrementAndGet();
                        } catch (IOException | InterruptedException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            while (decided.size() < 12) Thread.sleep(50);
            one.kill();
            int atKill = decided.size();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < until || decided.size() < atKill + 6) Thread.sleep(50);
            run.set(false);
            for (Thread t : clients) t.join(30_000);

            // Everything decided reads back unchanged through the balancer (now: the survivor), evidence included.
            for (var e : decided.entrySet()) {
                JsonNode now = Json.read(send(base, "GET", "/v1/sessions/" + e.getKey(), key, null, null).body());
                for (String field : List.of("status", "selfie", "finalised_at", "analysis", "document")) {
                    assertThat(now.path(field)).as(e.getKey() + " " + field).isEqualTo(e.getValue().path(field));
                }
                assertThat(send(base, "GET", "/v1/sessions/" + e.getKey() + "/evidence/1", key, null, null).body()
                        .getBytes(StandardCharsets.ISO_8859_1)).as(e.getKey() + " document").isEqualTo(documents.get(e.getKey()));
            }
            JsonNode capturedNow = Json.read(send(base, "GET", "/v1/sessions/" + captureId, key, null, null).body());
            for (String field : List.of("status", "selfie", "finalised_at", "analysis")) {
                assertThat(capturedNow.path(field)).as("capture " + field).isEqualTo(captured.path(field));
            }
            decided.put(captureId, captured);
            for (int i = 0; i < 100 && !webhooks.keySet().containsAll(decided.keySet()); i++) Thread.sleep(100);
            assertThat(webhooks.keySet()).as("every decision webhooked").containsAll(decided.keySet());
            decided.forEach((id, d) -> assertThat(webhooks.get(id)).as(id).isEqualTo(d.get("status").asText()));

            Map<String, Integer> served = upstreams(dir.resolve("access.log"));
            System.out.printf("cluster: active capture approved across a kill -9 at frame %d (instance one had served %d requests);"
                            + " %d decisions (%d after the second kill), %d sessions failed while an instance died, served by %s%n",
                    killedAt, oneServedCapture, decided.size(), decided.size() - 1 - atKill, failed.get(), served);
            assertThat(served.get("127.0.0.1:" + one.port)).as("requests served by instance one").isPositive();
            assertThat(served.get("127.0.0.1:" + two.port)).as("requests served by instance two").isPositive();
            assertThat(decided.size() - 1 - atKill).as("decisions through the survivor").isGreaterThanOrEqualTo(6);
            // At most the requests in flight on the killed instance fail (nginx does not resend a POST it already sent).
            assertThat(failed.get()).as("failed sessions").isLessThanOrEqualTo(2);
        } finally {
            if (balancer != null) balancer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (one != null) one.close();
            if (two != null) two.close();
            receiver.close();
            TestServer.dropSchema(schema);
        }
    }

    /**
     * One session through the balancer: created, a document uploaded, the selfie decided, the detail read back;
     * true when it was decided (its detail then kept with the document's bytes).
     */
    private static boolean decide(String base, String key, byte[] face, AtomicInteger counter, Map<String, JsonNode> decided,
                                  Map<String, byte[]> documents) throws IOException, InterruptedException {
        HttpResponse<String> created = send(base, "POST", "/v1/sessions", key, PASSIVE.getBytes(StandardCharsets.UTF_8), "application/json");
        if (created.statusCode() != 201) return false;
        JsonNode s = Json.read(created.body());
        String id = s.get("id").asText(), token = s.get("client_token").asText();
        byte[] document = TestServer.jpeg(2000);
        if (send(base, "POST", "/v1/client/session/document/front", token, document, "image/jpeg").statusCode() != 201) return false;
        counter.incrementAndGet();
        byte[] photo = ScriptedFaces.jpeg("0 0.95 0.1 0.9"); // a frontal live face: approved
        if (send(base, "POST", "/v1/client/selfie", token, photo, "image/jpeg").statusCode() != 200) return false;
        HttpResponse<String> detail = send(base, "GET", "/v1/sessions/" + id, key, null, null);
        if (detail.statusCode() != 200) return false;
        documents.put(id, document);
        decided.put(id, Json.read(detail.body()));
        return true;
    }

    private static Process startNginx(Path nginx, Path dir, int port, int upstreamOne, int upstreamTwo) throws Exception {
        Files.createDirectories(dir.resolve("nginx-temp"));
        String temp = dir.resolve("nginx-temp").toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        String conf = (root ? "user root;\n" : "") + """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 256; }
                http {
                    log_format upstream '$request_method $uri $status $upstream_addr';
                    access_log %1$s/access.log upstream;
                    client_body_temp_path %2$s/body; proxy_temp_path %2$s/proxy; fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi; scgi_temp_path %2$s/scgi;
                    upstream verilock {
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=30s;
                        server 127.0.0.1:%4$d max_fails=1 fail_timeout=30s;
                    }
                    server {
                        listen 127.0.0.1:%5$d;
                        client_max_body_size 11m;
                        location / {
                            proxy_pass http://verilock;
                            proxy_next_upstream error timeout;
                            proxy_connect_timeout 2s;
                        }
                    }
                }
                """.formatted(dir, temp, upstreamOne, upstreamTwo, port);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-c", file.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try {
                if (send("http://127.0.0.1:" + port, "GET", "/health", null, null, null).statusCode() != 502) return p; // an instance answered
            } catch (IOException notYet) {
                // nginx is still starting
            }
            if (!p.isAlive()) break;
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
    }

    /** Requests per upstream address, from nginx's access log. */
    private static Map<String, Integer> upstreams(Path log) throws IOException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            for (String addr : line.substring(line.lastIndexOf(' ') + 1).split(",\\s*")) out.merge(addr.trim(), 1, Integer::sum);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> with(Map<String, String> env, String k, String v) {
        Map<String, String> out = new HashMap<>(env);
        out.put(k, v);
        return out;
    }

    private static HttpResponse<String> send(String base, String method, String path, String bearer, byte[] body, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        b = body == null ? b.GET() : b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }
}
