package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on every response, the pages' Content-Security-Policy, and no caching of personal data. */
class SecurityHeadersTest extends DatabaseTest {

    private static void assertSecurityHeaders(TestServer.Res r, String what) {
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy")).as(what).hasValue(VerilockServer.CONTENT_SECURITY_POLICY);
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        var s = t.createSession(t.demoKey);
        String id = s.get("id").asText();
        t.postBytes("/v1/client/session/document/front", s.get("client_token").asText(), TestServer.jpeg(400), "image/jpeg");
        List<TestServer.Res> responses = List.of(
                t.get("/", null), t.get("/dashboard", null), t.get("/sdk/verilock.js", null), t.get("/sdk/demo/demo.css", null),
                t.get("/health", null), t.get("/metrics", null), t.get("/v1/openapi.json", null),
                t.get("/v1/sessions", null),                                              // 401
                t.get("/v1/sessions/ses_00000000-0000-0000-0000-000000000000", t.demoKey), // 404
                t.get("/nothing-here", null),                                             // 404, no route
                t.post("/v1/webhook_endpoints", t.demoKey, "{\"url\": \"http://10.0.0.1/\"}"), // 422
                t.post("/v1/sessions", t.demoKey, "{"),                                   // 400
                t.get("/v1/sessions/" + id, t.demoKey),
                t.get("/v1/sessions/" + id + "/evidence/1", t.demoKey),
                t.get("/demo/sessions/" + id, null));                                 // 404: not this browser's demo session
        assertThat(responses.stream().map(TestServer.Res::status)).containsExactly(200, 200, 200, 200, 200, 200, 200, 401, 404, 404, 422, 400, 200, 200, 404);
        for (int i = 0; i < responses.size(); i++) assertSecurityHeaders(responses.get(i), "response " + i + " " + responses.get(i).status());
    }

    @Test
    void thePagesPolicyAllowsNoInlineCodeAndNoFraming() {
        String csp = VerilockServer.CONTENT_SECURITY_POLICY;
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*").doesNotContain("data:");
        assertThat(t.get("/", null).headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    /** What the policy would block must not be in the pages: inline scripts, style elements or attributes, handlers. */
    @Test
    void thePagesHaveNoInlineScriptOrStyle() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=|javascript:", Pattern.CASE_INSENSITIVE);
        for (String page : List.of("demo/index.html", "dashboard/index.html")) {
            try (InputStream in = getClass().getResourceAsStream("/public/sdk/" + page)) {
                String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(inline.matcher(html).find()).as(page).isFalse();
                assertThat(html).as(page).contains("<script type=\"module\" src=\"/sdk/");
            }
        }
        // The Web SDK styles itself without an inline <style> where the browser can.
        try (InputStream in = getClass().getResourceAsStream("/public/sdk/verilock.js")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("adoptedStyleSheets");
        }
    }

    @Test
    void personalDataIsNeverCached() {
        var s = t.createSession(t.demoKey);
        String id = s.get("id").asText();
        assertThat(t.postBytes("/v1/client/session/document/front", s.get("client_token").asText(), TestServer.png(400), "image/png").status())
                .isEqualTo(201);
        TestServer.Res image = t.get("/v1/sessions/" + id + "/evidence/1", t.demoKey);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().allValues("Cache-Control")).containsExactly("no-store");
        for (String path : List.of("/v1/sessions/" + id, "/v1/sessions/" + id + "/evidence", "/v1/sessions")) {
            assertThat(t.get(path, t.demoKey).headers().allValues("Cache-Control")).as(path).containsExactly("no-store");
        }
        assertThat(t.get("/demo/sessions/" + id, null).headers().allValues("Cache-Control")).containsExactly("no-store");
    }
}
