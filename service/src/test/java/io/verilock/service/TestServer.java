package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real server on a random port over a fresh database (H2 in memory, or a private schema in the PostgreSQL that
 * VERILOCK_TEST_PG_URL names), with an HTTP client and a clock tests can move.
 */
final class TestServer implements AutoCloseable {
    static final String PG_URL = System.getenv("VERILOCK_TEST_PG_URL");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Random RANDOM = new Random();

    final VerilockServer server;
    final MutableClock clock;
    final Path dataDir;
    final String demoKey;
    /** The schema this server created and drops on close; null on H2 and for a server sharing another's database. */
    private final String schema;
    /** The settings it started with, so {@link #startSharing} can point a second server at the same database. */
    final Map<String, String> env;
    private final TestHooks hooks;

    /** Every database test runs on both; PostgreSQL only where configured. */
    static Stream<String> databases() { return Stream.of("h2", "postgresql"); }

    static TestServer start(String db) { return start(db, Map.of()); }

    static TestServer start(String db, Map<String, String> extraEnv) {
        return start(db, extraEnv, new TestHooks(true));
    }

    static TestServer start(String db, Map<String, String> extraEnv, TestHooks hooks) {
        requireDatabase(db);
        return new TestServer(db, extraEnv, hooks);
    }

    /** Aborts (skips) a PostgreSQL run when VERILOCK_TEST_PG_URL is not set, saying so. */
    static void requireDatabase(String db) {
        if (db.equals("postgresql") && PG_URL == null) {
            System.out.println("skipped: PostgreSQL not configured (set VERILOCK_TEST_PG_URL, VERILOCK_TEST_PG_USER, VERILOCK_TEST_PG_PASSWORD)");
            Assumptions.abort("skipped: PostgreSQL not configured");
        }
    }

    /** Points {@code env} at a new private schema of the test PostgreSQL; returns the schema (drop it with {@link #dropSchema}). */
    static String postgresEnv(Map<String, String> env) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        env.put("VERILOCK_DB_URL", PG_URL);
        env.put("VERILOCK_DB_USER", System.getenv("VERILOCK_TEST_PG_USER"));
        env.put("VERILOCK_DB_PASSWORD", System.getenv("VERILOCK_TEST_PG_PASSWORD"));
        env.put("VERILOCK_DB_SCHEMA", schema);
        return schema;
    }

    static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, System.getenv("VERILOCK_TEST_PG_USER"), System.getenv("VERILOCK_TEST_PG_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A second server on {@code other}'s database (same schema, same demo key: a start revokes the demo keys of
     * others), as two instances behind a load balancer; the database belongs to {@code other} and goes with it.
     */
    static TestServer startSharing(TestServer other, Map<String, String> extraEnv) {
        Map<String, String> shared = new HashMap<>();
        for (String k : List.of("VERILOCK_DB_URL", "VERILOCK_DB_USER", "VERILOCK_DB_PASSWORD", "VERILOCK_DB_SCHEMA", "VERILOCK_DEMO_API_KEY")) {
            if (other.env.get(k) != null) shared.put(k, other.env.get(k));
        }
        shared.putAll(extraEnv);
        return new TestServer("shared", shared, new TestHooks(true));
    }

    private TestServer(String db, Map<String, String> extraEnv, TestHooks hooks) {
        this.hooks = hooks;
        this.clock = new MutableClock();
        try {
            dataDir = Files.createTempDirectory("verilock-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("VERILOCK_PORT", "0");
        env.put("VERILOCK_DATA_DIR", dataDir.toString());
        // Small limits keep the upload-size and webhook-retry tests fast.
        env.put("VERILOCK_MAX_UPLOAD_BYTES", "65536");
        env.put("VERILOCK_WEBHOOK_BACKOFF_MILLIS", "50");
        env.put("VERILOCK_WEBHOOK_MAX_ATTEMPTS", "3");
        env.put("VERILOCK_DEMO_API_KEY", "vl_test_" + UUID.randomUUID().toString().replace("-", ""));
        // The demo endpoints are on by default only on H2; enabled explicitly so both databases serve them.
        env.put("VERILOCK_DEMO_ENABLED", "true");
        if (db.equals("shared")) {
            schema = null;
        } else if (db.equals("h2")) {
            schema = null;
            env.put("VERILOCK_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        } else {
            schema = postgresEnv(env);
        }
        env.putAll(extraEnv);
        this.env = java.util.Collections.unmodifiableMap(new HashMap<>(env));
        server = VerilockServer.start(Config.fromEnv(env).withClock(clock), hooks);
        demoKey = server.demoApiKey();
    }

    /** Another server on the same database, data directory, demo key and clock (a second instance). */
    private TestServer(TestServer other) {
        this.hooks = other.hooks;
        this.clock = other.clock;
        this.dataDir = other.dataDir;
        this.schema = other.schema;
        this.env = other.env;
        server = VerilockServer.start(Config.fromEnv(env).withClock(clock), hooks);
        demoKey = server.demoApiKey();
    }

    /**
     * A second instance sharing this one's database and evidence directory (an in-memory H2 database is shared
     * within the JVM while either is open). Close only the last one with {@link #close()}; stop the others.
     */
    TestServer sibling() { return new TestServer(this); }

    /** Stops the server without removing its database or files (an instance going away). */
    void stop() { server.stop(); }

    String newOrg(boolean sandbox) { return server.createOrganisation("org-" + UUID.randomUUID(), sandbox); }

    Res get(String path, String token) { return send(request(path, token).GET()); }

    Res post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Res patch(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Res delete(String path, String token) { return send(request(path, token).DELETE()); }

    Res postBytes(String path, String token, byte[] body, String contentType) {
        return send(request(path, token).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Creates a session with the spec's custom-challenge example profile; returns the 201 body. */
    JsonNode createSession(String key) { return createSession(key, SPEC_PROFILE); }

    JsonNode createSession(String key, String body) {
        Res r = post("/v1/sessions", key, body);
        if (r.status() != 201) throw new AssertionError("create failed: " + r);
        return r.json();
    }

    static final String SPEC_PROFILE = """
            {"profile": {"steps": ["document", "selfie"], "liveness_mode": "active", "liveness_threshold": 80,
                         "liveness_challenges": ["head_left", "head_right", "blink"]}}""";

    /** A body that passes the JPEG magic check; random so its hash is new. */
    static byte[] jpeg(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        b[0] = (byte) 0xFF; b[1] = (byte) 0xD8; b[2] = (byte) 0xFF;
        return b;
    }

    static byte[] png(int size) {
        byte[] b = new byte[size];
        RANDOM.nextBytes(b);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, b, 0, 8);
        return b;
    }

    /** The engine's bands (LivenessResult.decision) for a hand-made result: review from 50 up to the threshold. */
    static String decision(double score, boolean passed, int threshold) {
        return passed ? "pass" : score >= 50 && score < threshold ? "review" : "fail";
    }

    static SelfieResult result(double score, boolean passed, int threshold) {
        return new SelfieResult("active", score, passed, threshold, List.of("head_left", "head_right", "blink"), 10,
                94.0, 91.0, Json.MAPPER.createObjectNode().put("engine", "test"), decision(score, passed, threshold));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(20));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    static Res send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        if (schema != null) dropSchema(schema);
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    record Res(int status, byte[] bytes, HttpHeaders headers) {
        String body() { return new String(bytes, java.nio.charset.StandardCharsets.UTF_8); }

        JsonNode json() { return Json.read(body()); }

        String errorCode() { return json().path("error").path("code").asText(null); }

        String errorField() { return json().path("error").path("field").asText(null); }

        @Override
        public String toString() { return status + " " + body(); }
    }

    /** Real time plus an offset tests move forward by hand. */
    static final class MutableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) { offset = offset.plus(d); }

        @Override public Instant instant() { return Instant.now().plus(offset); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }
}
