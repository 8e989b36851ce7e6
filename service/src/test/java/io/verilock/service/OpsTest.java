package io.verilock.service;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics, the OpenAPI document, error rendering. */
class OpsTest extends DatabaseTest {

    @Test
    void healthNeedsNoCredentials() {
        TestServer.Res r = t.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsCountRequestsFramesLatencyAndDecisions() {
        t.get("/v1/sessions", t.demoKey);
        t.server.metrics().frameAnalysed(Duration.ofMillis(12));
        String id = t.createSession(t.demoKey).get("id").asText();
        t.server.finalizer().finalise(id, TestServer.result(60, false, 80));
        TestServer.Res r = t.get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .contains("verilock_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions\",status=\"200\"}")
                .contains("verilock_frames_analysed_total")
                .contains("verilock_analysis_latency_seconds_count")
                .contains("verilock_decisions_total{outcome=\"needs_review\",source=\"automatic\"}");
    }

    @Test
    void metricsHaveHelpTextJvmBindersAndRouteLabelsForRefusedRequests() {
        t.get("/v1/sessions", null); // refused by authentication before Javalin matches the endpoint
        t.get("/v1/sessions/ses_00000000-0000-0000-0000-000000000000", "vl_test_wrongwrongwrongwrong");
        t.get("/v1/no-such-route", t.demoKey);
        String scrape = t.get("/metrics", null).body();
        assertThat(scrape)
                .contains("verilock_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions\",status=\"401\"}")
                .contains("verilock_http_requests_seconds_count{method=\"GET\",route=\"/v1/sessions/{id}\",status=\"401\"}")
                .contains("verilock_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}")
                .doesNotContain("route=\"*\"")
                // Micrometer's JVM and process binders
                .contains("jvm_gc_", "process_cpu_usage", "system_cpu_count", "jvm_threads_live_threads", "jvm_memory_used_bytes",
                        "jvm_classes_loaded_classes", "process_uptime_seconds");
        assertThat(scrape.lines().filter(l -> l.startsWith("# HELP ")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.split(" ", 4)).as(l).hasSize(4).satisfies(p -> assertThat(p[3]).isNotBlank()));
    }

    @Test
    void malformedJsonSaysWhereWithoutTheParsersWording() {
        TestServer.Res r = t.post("/v1/sessions", t.demoKey, "{\"profile\": {\"steps\": [\"selfie\",]}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("malformed_json");
        assertThat(r.json().path("error").path("message").asText())
                .isEqualTo("Request body is not valid JSON (line 1, column 33)");
        TestServer.Res cut = t.post("/v1/workflows", t.demoKey, "{\"name\": \"x");
        assertThat(cut.json().path("error").path("message").asText()).startsWith("Request body is not valid JSON")
                .doesNotContainIgnoringCase("jackson").doesNotContain("token").doesNotContain("Unexpected");
    }

    @Test
    void aManualReviewCountsItsDecisionUnderSourceReview() {
        String approve = needsReview(), decline = needsReview();
        String before = t.get("/metrics", null).body();

        assertThat(t.post("/v1/sessions/" + approve + "/review", t.demoKey, "{\"decision\": \"approved\"}").status()).isEqualTo(200);
        assertThat(t.post("/v1/sessions/" + decline + "/review", t.demoKey, "{\"decision\": \"declined\", \"note\": \"a mask\"}").status()).isEqualTo(200);
        // Refused reviews count nothing: a repeat (409), a bad decision (422), another organisation's session (404).
        assertThat(t.post("/v1/sessions/" + approve + "/review", t.demoKey, "{\"decision\": \"declined\"}").status()).isEqualTo(409);
        assertThat(t.post("/v1/sessions/" + needsReview() + "/review", t.demoKey, "{\"decision\": \"maybe\"}").status()).isEqualTo(422);
        assertThat(t.post("/v1/sessions/" + needsReview() + "/review", t.newOrg(false), "{\"decision\": \"approved\"}").status()).isEqualTo(404);

        String after = t.get("/metrics", null).body();
        assertThat(decisions(after, "approved", "review") - decisions(before, "approved", "review")).isEqualTo(1.0);
        assertThat(decisions(after, "declined", "review") - decisions(before, "declined", "review")).isEqualTo(1.0);
        assertThat(decisions(after, "needs_review", "review")).isZero();
        // The automatic series are the finaliser's alone: two more needs_review (the refused ones' sessions), no approval.
        assertThat(decisions(after, "needs_review", "automatic") - decisions(before, "needs_review", "automatic")).isEqualTo(2.0);
        assertThat(decisions(after, "approved", "automatic")).isEqualTo(decisions(before, "approved", "automatic"));
        assertThat(decisions(after, "declined", "automatic")).isEqualTo(decisions(before, "declined", "automatic"));
    }

    /** A session of the demo organisation the finaliser left in needs_review. */
    private static String needsReview() {
        String id = t.createSession(t.demoKey).get("id").asText();
        assertThat(t.server.finalizer().finalise(id, TestServer.result(60, false, 80)).status()).isEqualTo("needs_review");
        return id;
    }

    /** The value of verilock_decisions_total{outcome, source} in a scrape; 0 when the series does not exist yet. */
    private static double decisions(String scrape, String outcome, String source) {
        String series = "verilock_decisions_total{outcome=\"" + outcome + "\",source=\"" + source + "\"} ";
        return scrape.lines().filter(l -> l.startsWith(series)).mapToDouble(l -> Double.parseDouble(l.substring(series.length())))
                .findFirst().orElse(0.0);
    }

    @Test
    void requestLogsCarryTheSessionId() {
        String[] id = new String[1];
        List<ILoggingEvent> events = ServerLog.during(() -> {
            var s = t.createSession(t.demoKey);
            id[0] = s.get("id").asText();
            t.get("/v1/sessions/" + id[0], t.demoKey);
            t.get("/v1/client/session", s.get("client_token").asText());
        });
        assertThat(events.stream().filter(e -> id[0].equals(e.getMDCPropertyMap().get("session_id")))
                .map(ILoggingEvent::getFormattedMessage))
                .anySatisfy(m -> assertThat(m).contains("path=/v1/sessions/" + id[0]).contains("status=200"))
                .anySatisfy(m -> assertThat(m).contains("path=/v1/client/session"));
        // The MDC is cleared after each request: the creation itself carried no session id yet.
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains("method=POST path=/v1/sessions ");
            assertThat(e.getMDCPropertyMap()).doesNotContainKey("session_id");
        });
    }

    @Test
    void everyRouteIsInTheOpenApiDocument() {
        TestServer.Res r = t.get("/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(t.server.routes()).hasSizeGreaterThan(10).allSatisfy(route -> assertThat(
                doc.path("paths").path(route.path()).has(route.method().toLowerCase()))
                .as(route.method() + " " + route.path()).isTrue());
        // One OpenAPI version throughout (3.1: nullable is a type array, never the 3.0 keyword), an operationId on every
        // operation, and every object schema saying which of its fields are required (CI also lints it: .ci/openapi.sh).
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(r.body()).doesNotContain("\"nullable\"");
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op ->
                assertThat(op.getValue().path("operationId").asText()).as(op.getKey() + " " + p.getKey()).isNotBlank()));
        List<String> withoutRequired = new java.util.ArrayList<>();
        doc.findParents("properties").forEach(schema -> {
            if (schema.path("properties").isObject() && !schema.has("required")) withoutRequired.add(schema.toString());
        });
        assertThat(withoutRequired).isEmpty();
        // ...and nothing documented that is not served.
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
                assertThat(t.server.routes()).as(m + " " + p.getKey())
                        .contains(new VerilockServer.Route(m.toUpperCase(), p.getKey()))));
    }

    @Test
    void unknownRoutesAndMethodsGetJsonErrors() {
        TestServer.Res r = t.get("/v1/nothing-here", t.demoKey);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(t.get("/nothing", null).errorCode()).isEqualTo("not_found");
        assertThat(t.delete("/v1/sessions", t.demoKey).status()).isIn(404, 405);
    }

    @Test
    void unexpectedFailuresAreAJson500WithoutStackTrace() throws Exception {
        var s = t.createSession(t.demoKey);
        String id = s.get("id").asText();
        t.postBytes("/v1/client/session/document/front", s.get("client_token").asText(), TestServer.jpeg(300), "image/jpeg");
        try (var files = Files.list(t.dataDir.resolve("evidence/org_demo/" + id))) { // the disk lost evidence 1's file
            Files.delete(files.filter(f -> f.getFileName().toString().startsWith("1-")).findFirst().orElseThrow());
        }
        TestServer.Res r = t.get("/v1/sessions/" + id + "/evidence/1", t.demoKey);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorCode()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain(t.dataDir.toString());
    }
}
