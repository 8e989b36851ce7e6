package io.verilock.service;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The webhook SSRF guard with the default policy: https only, public addresses only, checked at registration and
 * again at delivery against the addresses the connection uses. Servers of its own, on H2 (the policy does not
 * depend on the database).
 */
class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "100.64.0.1",
            "100.127.255.255", "0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255",
            "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1"})
    void nonPublicAddressesAreForbidden(String address) throws Exception {
        assertThat(WebhookTargets.forbidden(InetAddress.getByName(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "203.0.113.10", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "2001:4860:4860::8888", "2a00:1450:4001::1", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(WebhookTargets.forbidden(InetAddress.getByName(address))).as(address).isNull();
    }

    @Test
    void namesAreResolvedAndTheirAddressesChecked() throws Exception {
        var policy = new WebhookTargets(false);
        assertThatThrownBy(() -> policy.resolvePublic("localhost"))
                .isInstanceOf(WebhookTargets.RefusedTargetException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.checkScheme(URI.create("http://203.0.113.10/hook")))
                .isInstanceOf(WebhookTargets.RefusedTargetException.class);
        new WebhookTargets(true).checkScheme(URI.create("http://127.0.0.1/hook"));
    }

    @Test
    void registrationRefusesInsecureAndNonPublicUrlsNamingTheField() {
        try (TestServer t = TestServer.start("h2")) {
            String key = t.newOrg(false);
            expect(t.post("/v1/webhook_endpoints", key, "{\"url\": \"http://203.0.113.10/hook\"}"), "url_not_https");
            for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost:8443/hook", "https://169.254.169.254/latest/meta-data/",
                    "https://10.0.0.5/hook", "https://192.168.0.10/hook", "https://[::1]/hook", "https://[fd00::1]/hook",
                    "https://[::ffff:127.0.0.1]/hook", "https://100.100.100.100/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook"}) {
                expect(t.post("/v1/webhook_endpoints", key, "{\"url\": \"" + url + "\"}"), "url_not_public");
            }
            expect(t.post("/v1/webhook_endpoints", key, "{\"url\": \"https:///nohost\"}"), "invalid_url");
            expect(t.post("/v1/webhook_endpoints", key, "{\"url\": \"https://203.0.113.10/" + "a".repeat(2000) + "\"}"), "url_too_long");
            assertThat(t.get("/v1/webhook_endpoints", key).json().get("data")).isEmpty();
            // A public https URL (TEST-NET-3, never routed) is accepted, as is an upper-case scheme.
            assertThat(t.post("/v1/webhook_endpoints", key, "{\"url\": \"https://203.0.113.10/hook\"}").status()).isEqualTo(201);
            assertThat(t.post("/v1/webhook_endpoints", key, "{\"url\": \"HTTPS://203.0.113.11/hook\"}").status()).isEqualTo(201);
        }
    }

    @Test
    void endpointsStoredUnderAnotherPolicyAreRefusedAtDeliveryAndNotRetried() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("verilock-ssrf");
        String key = "vl_test_ssrfssrfssrfssrfssrf";
        Map<String, String> env = Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(), "VERILOCK_DEMO_API_KEY", key,
                "VERILOCK_WEBHOOK_BACKOFF_MILLIS", "50", "VERILOCK_WEBHOOK_MAX_ATTEMPTS", "3");
        int port = receiver.getAddress().getPort();
        try {
            // Registered while private targets were allowed (or before the policy existed)...
            VerilockServer permissive = VerilockServer.start(Config.fromEnv(with(env, "VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true")));
            try {
                for (String url : new String[] {"http://127.0.0.1:" + port + "/plain", "https://127.0.0.1:" + port + "/tls",
                        "https://localhost:" + port + "/named"}) {
                    assertThat(call(permissive, "POST", "/v1/webhook_endpoints", key, "{\"url\": \"" + url + "\"}").statusCode()).isEqualTo(201);
                }
            } finally {
                permissive.stop();
            }
            // ...then the server runs with the default policy: every delivery is refused before connecting.
            VerilockServer strict = VerilockServer.start(Config.fromEnv(env));
            try {
                var created = call(strict, "POST", "/v1/sessions", key, TestServer.SPEC_PROFILE);
                String id = Json.read(created.body()).get("id").asText();
                strict.finalizer().finalise(id, TestServer.result(92, true, 80));
                var attempts = Json.read("[]");
                for (int i = 0; i < 200 && attempts.size() < 3; i++) {
                    Thread.sleep(25);
                    attempts = Json.read(call(strict, "GET", "/v1/sessions/" + id + "/webhooks", key, null).body()).get("data");
                }
                Thread.sleep(300); // retries would come after 50 ms
                attempts = Json.read(call(strict, "GET", "/v1/sessions/" + id + "/webhooks", key, null).body()).get("data");
                assertThat(attempts).hasSize(3).allSatisfy(a -> {
                    assertThat(a.get("succeeded").asBoolean()).isFalse();
                    assertThat(a.get("attempt").asInt()).isEqualTo(1);
                    assertThat(a.get("status_code").isNull()).isTrue();
                    assertThat(a.get("error").asText()).startsWith("refused");
                });
                assertThat(attempts.findValuesAsText("error")).anySatisfy(e -> assertThat(e).contains("https"))
                        .anySatisfy(e -> assertThat(e).contains("127.0.0.1 resolves to 127.0.0.1 (a loopback address)"))
                        .anySatisfy(e -> assertThat(e).contains("localhost resolves to"));
                // The endpoints themselves are kept: nothing stored is lost.
                assertThat(Json.read(call(strict, "GET", "/v1/webhook_endpoints", key, null).body()).get("data")).hasSize(3);
            } finally {
                strict.stop();
            }
            assertThat(hits.get()).isZero();
        } finally {
            receiver.stop(0);
        }
    }

    static Map<String, String> with(Map<String, String> env, String name, String value) {
        var out = new java.util.HashMap<>(env);
        out.put(name, value);
        return out;
    }

    static HttpResponse<String> call(VerilockServer s, String method, String path, String key, String json) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).header("Authorization", "Bearer " + key);
        b = json == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(TestServer.Res r, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
        assertThat(r.errorField()).isEqualTo("url");
    }
}
