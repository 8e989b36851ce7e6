package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CORS header logic ({@link Cors#decide}) and origin canonicalisation ({@link Origins}), without a server. */
class CorsTest {
    private static final String SHOP = "https://shop.example.com";
    private static final Predicate<String> ALLOWED = Set.of(SHOP)::contains;
    private static final String HOST = "verify.example.com";

    private static Cors.Answer preflight(String path, String origin, String method, String headers) {
        return Cors.decide(new Cors.Request("OPTIONS", path, origin, HOST, null, method, headers), null, ALLOWED);
    }

    private static Cors.Answer request(String method, String path, String origin) {
        return Cors.decide(new Cors.Request(method, path, origin, HOST, null, null, null), null, ALLOWED);
    }

    @Test
    void clientRoutePreflightFromAnAllowedOriginEchoesThatOriginExactly() {
        Cors.Answer a = preflight("/v1/client/capture/frames", SHOP, "POST", "authorization, content-type");
        assertThat(a.refusal()).isNull();
        assertThat(a.preflightAnswered()).isTrue();
        assertThat(a.headers()).containsEntry("Access-Control-Allow-Origin", SHOP)
                .containsEntry("Access-Control-Allow-Methods", "GET, POST")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .containsEntry("Access-Control-Max-Age", "600")
                .containsEntry("Vary", "Origin")
                .doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void clientRouteRequestFromAnAllowedOriginIsReadableThere() {
        Cors.Answer a = request("POST", "/v1/client/capture", SHOP);
        assertThat(a.refusal()).isNull();
        assertThat(a.preflightAnswered()).isFalse();
        assertThat(a.crossOrigin()).isEqualTo(SHOP);
        assertThat(a.headers()).containsEntry("Access-Control-Allow-Origin", SHOP).containsEntry("Vary", "Origin");
        // The Origin header's case and default port do not matter; the answer names the canonical origin.
        assertThat(request("GET", "/v1/client/session", "HTTPS://Shop.Example.com:443").headers())
                .containsEntry("Access-Control-Allow-Origin", SHOP);
    }

    @Test
    void anOriginNotOnAnyListIsRefusedWithoutCorsHeaders() {
        for (Cors.Answer a : new Cors.Answer[] {
                preflight("/v1/client/session", "https://evil.example.net", "GET", "authorization"),
                request("GET", "/v1/client/session", "https://evil.example.net"),
                request("GET", "/v1/client/session", "http://shop.example.com"),      // another scheme: another origin
                request("GET", "/v1/client/session", "https://shop.example.com:8443"), // another port too
                request("GET", "/v1/client/session", "null"),                        // sandboxed frame, file://
                request("GET", "/sdk/verilock.js", "https://evil.example.net")}) {
            assertThat(a.refusal()).isNotNull();
            assertThat(a.refusal().status()).isEqualTo(403);
            assertThat(a.refusal().code()).isEqualTo("origin_not_allowed");
            assertThat(a.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        }
    }

    @Test
    void secretKeyAndDemoRoutesNeverAnswerAnotherOriginEvenAnAllowedOne() {
        for (Cors.Answer a : new Cors.Answer[] {
                preflight("/v1/sessions", SHOP, "POST", "authorization, content-type"),
                request("POST", "/v1/sessions", SHOP),
                request("GET", "/v1/sessions/ses_x/evidence/1", SHOP),
                preflight("/v1/workflows", SHOP, "GET", "authorization"),
                request("POST", "/demo/sessions", SHOP)}) {
            assertThat(a.refusal()).isNotNull();
            assertThat(a.refusal().code()).isEqualTo("cross_origin_refused");
            assertThat(a.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        }
    }

    @Test
    void sameOriginAndOriginlessRequestsPassUntouched() {
        assertThat(request("POST", "/v1/sessions", "https://verify.example.com").refusal()).isNull();
        assertThat(request("GET", "/v1/sessions", null).refusal()).isNull();
        assertThat(Cors.decide(new Cors.Request("POST", "/v1/sessions", "https://verify.example.com", "10.0.0.5:8080", null, null, null),
                "https://verify.example.com", ALLOWED).refusal()).as("the public base URL is our own origin behind a proxy").isNull();
        // nginx passes its upstream's name as Host by default, and the public host as X-Forwarded-Host.
        assertThat(Cors.decide(new Cors.Request("POST", "/v1/workflows", "https://verify.example.com", "127.0.0.1:8080",
                "verify.example.com", null, null), null, ALLOWED).refusal()).as("the dashboard behind a proxy").isNull();
        assertThat(Cors.decide(new Cors.Request("POST", "/v1/workflows", "https://shop.example.com", "127.0.0.1:8080",
                "verify.example.com", null, null), null, ALLOWED).refusal()).isNotNull();
        Cors.Answer own = request("GET", "/v1/client/session", "https://verify.example.com");
        assertThat(own.refusal()).isNull();
        assertThat(own.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void preflightsAskingForMoreThanTheSdkUsesAreRefused() {
        assertThat(preflight("/v1/client/session", SHOP, "DELETE", "authorization").refusal().code()).isEqualTo("cors_request_not_allowed");
        Cors.Answer a = preflight("/v1/client/session", SHOP, "GET", "authorization, x-api-key");
        assertThat(a.refusal().code()).isEqualTo("cors_request_not_allowed");
        assertThat(a.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(preflight("/sdk/verilock.js", SHOP, "POST", null).refusal()).isNotNull();
        assertThat(preflight("/sdk/verilock.js", SHOP, "GET", null).headers()).containsEntry("Access-Control-Allow-Methods", "GET, HEAD");
    }

    @Test
    void sdkFilesAreReadableByAllowedOriginsOnlyAndOtherStaticFilesNever() {
        assertThat(request("GET", "/sdk/verilock.js", SHOP).headers()).containsEntry("Access-Control-Allow-Origin", SHOP);
        assertThat(request("GET", "/sdk/verilock.d.ts", SHOP).headers()).containsEntry("Access-Control-Allow-Origin", SHOP);
        Cors.Answer demo = request("GET", "/sdk/demo/demo.js", SHOP);
        assertThat(demo.refusal()).isNull();
        assertThat(demo.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(Cors.kind("/sdk/dashboard/dashboard.js")).isEqualTo(Cors.Kind.OTHER);
        assertThat(request("GET", "/health", SHOP).headers()).isEqualTo(Map.of());
        assertThat(request("GET", "/v1/openapi.json", SHOP).refusal()).as("public documentation").isNull();
    }

    @Test
    void originsAreCanonicalAndExact() {
        assertThat(Origins.normalise("HTTPS://Shop.Example.COM")).isEqualTo(SHOP);
        assertThat(Origins.normalise("https://shop.example.com:443")).isEqualTo(SHOP);
        assertThat(Origins.normalise("http://localhost:5173")).isEqualTo("http://localhost:5173");
        assertThat(Origins.normalise(" http://127.0.0.1:80 ")).isEqualTo("http://127.0.0.1");
        assertThatThrownBy(() -> Origins.normalise("*")).hasMessageContaining("wildcards are not allowed");
        assertThatThrownBy(() -> Origins.normalise("https://*.example.com")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> Origins.normalise("https://shop.example.com/")).hasMessageContaining("no path");
        assertThatThrownBy(() -> Origins.normalise("https://shop.example.com/checkout")).hasMessageContaining("no path");
        assertThatThrownBy(() -> Origins.normalise("ftp://shop.example.com")).hasMessageContaining("https://");
        assertThatThrownBy(() -> Origins.normalise("shop.example.com")).hasMessageContaining("https://");
        assertThatThrownBy(() -> Origins.normalise("https://user@shop.example.com")).hasMessageContaining("not an origin");
        assertThatThrownBy(() -> Origins.normalise("")).hasMessageContaining("required");
        assertThat(Origins.fromHeader("null")).isNull();
    }

    @Test
    void corsOriginsVariableIsParsedOrRefusedWithItsName() {
        Config c = Config.fromEnv(Map.of("VERILOCK_CORS_ORIGINS", "https://a.example, http://localhost:3000,https://A.example"));
        assertThat(c.corsOrigins()).containsExactly("https://a.example", "http://localhost:3000");
        assertThat(Config.fromEnv(Map.of()).corsOrigins()).isEmpty();
        assertThatThrownBy(() -> Config.fromEnv(Map.of("VERILOCK_CORS_ORIGINS", "*")))
                .hasMessageStartingWith("VERILOCK_CORS_ORIGINS: '*': wildcards are not allowed");
    }
}
