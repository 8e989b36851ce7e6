package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up, configuration, rate limits and shutdown; these need servers of their own, on H2. */
class ServerLifecycleTest {

    @Test
    void configDefaultsFollowTheReadme() {
        Config c = Config.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:").contains("MODE=PostgreSQL");
        assertThat(c.clientTokenTtl().toMinutes()).isEqualTo(10);
        assertThat(c.sessionTtl().toMinutes()).isEqualTo(60);
        assertThat(c.webhookMaxAttempts()).isEqualTo(5);
        assertThat(c.webhookAllowPrivate()).isFalse();
        assertThatThrownBy(() -> Config.fromEnv(Map.of("VERILOCK_PORT", "eighty"))).hasMessageContaining("VERILOCK_PORT");
    }

    @Test
    void withoutADemoKeyOneIsGeneratedAndWorks() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_DEMO_API_KEY", ""))) {
            assertThat(t.demoKey).startsWith("vl_test_").hasSizeGreaterThan(30);
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
        }
    }

    @Test
    void fileDatabaseUnderTheDataDirSurvivesARestartWithTheFixedDemoKey() throws Exception {
        Path dir = Files.createTempDirectory("verilock-restart");
        String key = "vl_test_fixedfixedfixedfixed";
        Map<String, String> env = Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(), "VERILOCK_DEMO_API_KEY", key);
        VerilockServer first = VerilockServer.start(Config.fromEnv(env));
        String id;
        try {
            var c = HttpClient.newHttpClient();
            var r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/v1/sessions"))
                    .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            id = Json.read(r.body()).get("id").asText();
        } finally {
            first.stop();
        }
        assertThat(dir.resolve("db")).isDirectory();
        VerilockServer second = VerilockServer.start(Config.fromEnv(env));
        try {
            var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/v1/sessions/" + id))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            second.stop();
        }
    }

    @Test
    void apiKeysAndClientTokensAreRateLimitedSeparately() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_RATE_LIMIT_PER_MINUTE", "3", "VERILOCK_CLIENT_RATE_LIMIT_PER_MINUTE", "2"))) {
            String token = t.createSession(t.demoKey).get("client_token").asText();
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
            TestServer.Res limited = t.get("/v1/sessions", t.demoKey);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("rate_limited");
            // Another key has its own bucket, and so does the client token.
            assertThat(t.get("/v1/sessions", t.newOrg(false)).status()).isEqualTo(200);
            assertThat(t.get("/v1/client/session", token).status()).isEqualTo(200);
            assertThat(t.get("/v1/client/session", token).status()).isEqualTo(200);
            assertThat(t.get("/v1/client/session", token).status()).isEqualTo(429);
            // The bucket refills with time.
            t.clock.advance(java.time.Duration.ofSeconds(30));
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
        }
    }

    @Test
    void demoWebhookFromTheEnvironmentIsRegistered() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_WEBHOOK_URL", "http://127.0.0.1:9/hook", "VERILOCK_WEBHOOK_SECRET", "s3cret",
                "VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true"))) {
            var data = t.get("/v1/webhook_endpoints", t.demoKey).json().get("data");
            assertThat(data).hasSize(1);
            assertThat(data.get(0).get("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        }
    }

    @Test
    void aPrivateDemoWebhookFromTheEnvironmentIsRefusedAtStartByDefault() {
        assertThatThrownBy(() -> TestServer.start("h2", Map.of("VERILOCK_WEBHOOK_URL", "http://127.0.0.1:9/hook")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VERILOCK_WEBHOOK_URL").hasMessageContaining("https");
        assertThatThrownBy(() -> TestServer.start("h2", Map.of("VERILOCK_WEBHOOK_URL", "https://169.254.169.254/latest/meta-data")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link-local");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("VERILOCK_WEBHOOK_ALLOW_PRIVATE", "maybe")))
                .hasMessageContaining("VERILOCK_WEBHOOK_ALLOW_PRIVATE");
    }

    @Test
    void stopLetsAnInFlightRequestFinish() throws Exception {
        TestServer t = TestServer.start("h2");
        String token = t.createSession(t.demoKey).get("client_token").asText();
        byte[] body = TestServer.jpeg(4000);
        Thread stopper = new Thread(t::close);
        try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/client/session/document/front HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 1000);
            out.flush();
            Thread.sleep(1000); // the handler is now waiting for the rest of the body
            out.write(body, 1000, 1000);
            out.flush();
            stopper.start();
            // While draining, Jetty closes connections idle for over a second; this client keeps sending sooner.
            Thread.sleep(400);
            assertThat(stopper.isAlive()).as("stop waits for the in-flight request").isTrue();
            out.write(body, 2000, body.length - 2000);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 201");
        } finally {
            stopper.join(30_000);
        }
        assertThat(stopper.isAlive()).isFalse();
    }

    @Test
    void stopClosesThePort() {
        TestServer t = TestServer.start("h2");
        int port = t.server.port();
        t.close();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }
}
