package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-origin access over HTTP: per-organisation allowed origins, client routes and SDK files only. */
class CorsApiTest extends DatabaseTest {

    private static TestServer.Res withOrigin(HttpRequest.Builder b, String origin) {
        return TestServer.send(b.header("Origin", origin));
    }

    private static TestServer.Res preflight(String path, String origin, String method) {
        return withOrigin(t.request(path, null).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type"), origin);
    }

    private static String allowOrigin(TestServer.Res r) {
        return r.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }

    /** An organisation allowing {@code origin}, and a session of it; returns the session. */
    private static JsonNode sessionOfOrgAllowing(String origin) {
        String key = t.newOrg(true);
        String org = t.server.organisations().authenticate(key).orElseThrow().organisationId();
        assertThat(t.server.organisations().allowOrigin(org, origin)).isEqualTo(origin);
        return t.createSession(key, "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"active\"}}");
    }

    @Test
    void anAllowedOriginUsesTheClientRoutesAndLoadsTheSdk() {
        String shop = "https://shop-" + System.nanoTime() + ".example.com";
        JsonNode s = sessionOfOrgAllowing(shop);
        String token = s.get("client_token").asText();

        TestServer.Res pre = preflight("/v1/client/capture/frames", shop, "POST");
        assertThat(pre.status()).as(pre.toString()).isEqualTo(204);
        assertThat(allowOrigin(pre)).isEqualTo(shop);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization, Content-Type");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        TestServer.Res session = withOrigin(t.request("/v1/client/session", token).GET(), shop);
        assertThat(session.status()).isEqualTo(200);
        assertThat(allowOrigin(session)).isEqualTo(shop);
        assertThat(session.headers().allValues("Vary")).contains("Origin");

        // A refused token is still readable there, so the SDK can say "expired" rather than "connection lost".
        TestServer.Res expired = withOrigin(t.request("/v1/client/session", "vlct_not-a-token").GET(), shop);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(allowOrigin(expired)).isEqualTo(shop);

        TestServer.Res sdk = withOrigin(t.request("/sdk/verilock.js", null).GET(), shop);
        assertThat(sdk.status()).isEqualTo(200);
        assertThat(allowOrigin(sdk)).isEqualTo(shop);
    }

    @Test
    void anOriginOfAnotherOrganisationCannotUseThisOrganisationsToken() {
        String shop = "https://other-" + System.nanoTime() + ".example.com";
        sessionOfOrgAllowing(shop);
        JsonNode foreign = t.createSession(t.newOrg(true), "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"active\"}}");
        TestServer.Res r = withOrigin(t.request("/v1/client/capture", foreign.get("client_token").asText())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")), shop);
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("origin_not_allowed");
        // Nothing started: the same token works from its own (same-origin) page.
        assertThat(t.post("/v1/client/capture", foreign.get("client_token").asText(), "{}").json().get("state").asText()).isEqualTo("baseline");
    }

    @Test
    void anOriginOnNoListIsRefusedEverywhere() {
        String evil = "https://evil-" + System.nanoTime() + ".example.net";
        JsonNode s = t.createSession(t.demoKey);
        for (TestServer.Res r : new TestServer.Res[] {
                preflight("/v1/client/session", evil, "GET"),
                withOrigin(t.request("/v1/client/session", s.get("client_token").asText()).GET(), evil),
                withOrigin(t.request("/sdk/verilock.js", null).GET(), evil)}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("origin_not_allowed");
            assertThat(allowOrigin(r)).isNull();
        }
        assertThat(t.get("/v1/client/session", s.get("client_token").asText()).json().get("status").asText())
                .as("the refused request changed nothing").isEqualTo("created");
    }

    @Test
    void secretKeyRoutesRefuseEveryOtherOriginBeforeAuthentication() {
        String shop = "https://secret-" + System.nanoTime() + ".example.com";
        JsonNode s = sessionOfOrgAllowing(shop);
        TestServer.Res pre = preflight("/v1/sessions", shop, "POST");
        assertThat(pre.status()).isEqualTo(403);
        assertThat(pre.errorCode()).isEqualTo("cross_origin_refused");
        assertThat(allowOrigin(pre)).isNull();
        TestServer.Res get = withOrigin(t.request("/v1/sessions/" + s.get("id").asText(), t.demoKey).GET(), shop);
        assertThat(get.status()).isEqualTo(403);
        assertThat(get.errorCode()).isEqualTo("cross_origin_refused");
        assertThat(get.body()).doesNotContain(s.get("id").asText());
        TestServer.Res demo = withOrigin(t.request("/demo/sessions", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), shop);
        assertThat(demo.errorCode()).isEqualTo("cross_origin_refused");
        // Same origin (the dashboard, the demo page) is untouched.
        String own = "http://127.0.0.1:" + t.server.port();
        assertThat(withOrigin(t.request("/v1/sessions/" + s.get("id").asText(), t.demoKey).GET(), own).status()).isEqualTo(404);
        assertThat(withOrigin(t.request("/v1/sessions", t.demoKey).GET(), own).status()).isEqualTo(200);
    }

    @Test
    void theOrganisationsApiManagesTheListWithClearErrors() {
        Organisations orgs = t.server.organisations();
        String org = orgs.create("cors-admin");
        assertThat(orgs.allowOrigin(org, "HTTPS://B.example:443")).isEqualTo("https://b.example");
        assertThat(orgs.allowOrigin(org, "https://b.example")).isEqualTo("https://b.example");
        orgs.allowOrigin(org, "http://localhost:5173");
        assertThat(orgs.allowedOrigins(org)).containsExactly("http://localhost:5173", "https://b.example");
        assertThat(orgs.removeOrigin(org, "https://b.example")).isTrue();
        assertThat(orgs.removeOrigin(org, "https://b.example")).isFalse();
        assertThat(orgs.allowedOrigins(org)).containsExactly("http://localhost:5173");
        assertThatThrownBy(() -> orgs.allowOrigin(org, "https://*.example")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wildcards");
        assertThatThrownBy(() -> orgs.allowOrigin("org_nope", "https://c.example")).hasMessage("no organisation org_nope");
        orgs.replaceOrigins(org, java.util.List.of());
        assertThat(orgs.allowedOrigins(org)).isEmpty();
    }

    @Test
    void corsOriginsVariableIsTheDemoOrganisationsList() {
        try (TestServer s = TestServer.start("h2", Map.of("VERILOCK_CORS_ORIGINS", "http://localhost:5173, https://demo.example"))) {
            assertThat(s.server.organisations().allowedOrigins(VerilockServer.DEMO_ORG_ID))
                    .containsExactly("http://localhost:5173", "https://demo.example");
            JsonNode session = s.createSession(s.demoKey);
            TestServer.Res r = TestServer.send(s.request("/v1/client/session", session.get("client_token").asText()).GET()
                    .header("Origin", "http://localhost:5173"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        }
    }
}
