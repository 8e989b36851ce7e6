package io.verilock.service;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every validation rule, on sessions and on workflows (create and patch), with its status, code and field. */
class ValidationTest extends DatabaseTest {
    String workflowId;

    @BeforeEach
    void workflow() { workflowId = t.post("/v1/workflows", t.demoKey, "{}").json().get("id").asText(); }

    /** Profile bodies (the content of "profile", or a workflow body) with the expected error. */
    static Stream<Arguments> profileErrors() {
        return Stream.of(
                arguments("{\"liveness_mode\": \"aggressive\"}", 422, "unknown_liveness_mode", "liveness_mode"),
                arguments("{\"liveness_mode\": 1}", 400, "invalid_type", "liveness_mode"),
                arguments("{\"liveness_mode\": null}", 400, "invalid_type", "liveness_mode"),
                arguments("{\"liveness_threshold\": 101}", 422, "threshold_out_of_range", "liveness_threshold"),
                arguments("{\"liveness_threshold\": -1}", 422, "threshold_out_of_range", "liveness_threshold"),
                arguments("{\"liveness_threshold\": 99999999999}", 422, "threshold_out_of_range", "liveness_threshold"),
                arguments("{\"liveness_threshold\": 80.5}", 422, "threshold_not_integer", "liveness_threshold"),
                arguments("{\"liveness_threshold\": \"80\"}", 400, "invalid_type", "liveness_threshold"),
                arguments("{\"liveness_challenges\": [\"head_up\"]}", 422, "unknown_challenge", "liveness_challenges"),
                arguments("{\"liveness_challenges\": [\"blink\", \"blink\"]}", 422, "duplicate_challenge", "liveness_challenges"),
                arguments("{\"liveness_challenges\": []}", 422, "empty_challenges", "liveness_challenges"),
                arguments("{\"liveness_challenges\": \"blink\"}", 400, "invalid_type", "liveness_challenges"),
                arguments("{\"liveness_challenges\": [1]}", 400, "invalid_type", "liveness_challenges"),
                arguments("{\"steps\": [\"passport\"]}", 422, "unknown_step", "steps"),
                arguments("{\"steps\": []}", 422, "empty_steps", "steps"),
                arguments("{\"steps\": [\"selfie\", \"selfie\"]}", 422, "duplicate_step", "steps"),
                arguments("{\"steps\": \"selfie\"}", 400, "invalid_type", "steps"),
                arguments("{\"steps\": [\"document\"], \"liveness_mode\": \"passive\"}", 422, "liveness_without_selfie", "liveness_mode"),
                arguments("{\"steps\": [\"document\"], \"liveness_threshold\": 80}", 422, "liveness_without_selfie", "liveness_threshold"),
                arguments("{\"steps\": [\"document\"], \"liveness_challenges\": [\"blink\"]}", 422, "liveness_without_selfie", "liveness_challenges"),
                arguments("{\"channel\": \"api\", \"liveness_mode\": \"active\"}", 422, "active_liveness_requires_sdk", "liveness_mode"),
                arguments("{\"channel\": \"fax\"}", 422, "unknown_channel", "channel"),
                arguments("{\"livenes_mode\": \"active\"}", 422, "unknown_field", "livenes_mode"));
    }

    @ParameterizedTest
    @MethodSource("profileErrors")
    void sessionProfileErrors(String profile, int status, String code, String field) {
        expect(t.post("/v1/sessions", t.demoKey, "{\"profile\": " + profile + "}"), status, code, "profile." + field);
        // The same rules hold when a workflow is inherited.
        expect(t.post("/v1/sessions", t.demoKey, "{\"workflow_id\": \"" + workflowId + "\", \"profile\": " + profile + "}"),
                status, code, "profile." + field);
    }

    @ParameterizedTest
    @MethodSource("profileErrors")
    void workflowErrors(String body, int status, String code, String field) {
        expect(t.post("/v1/workflows", t.demoKey, body), status, code, field);
        expect(t.patch("/v1/workflows/" + workflowId, t.demoKey, body), status, code, field);
    }

    @Test
    void activeLivenessInAnApiFlowIsRejectedEvenWhenInherited() {
        String wf = t.post("/v1/workflows", t.demoKey, "{\"liveness_mode\": \"active\"}").json().get("id").asText();
        expect(t.post("/v1/sessions", t.demoKey, "{\"workflow_id\": \"" + wf + "\", \"profile\": {\"channel\": \"api\"}}"),
                422, "active_liveness_requires_sdk", "profile.liveness_mode");
        // Switching the override to passive makes it valid.
        assertThat(t.post("/v1/sessions", t.demoKey, "{\"workflow_id\": \"" + wf
                + "\", \"profile\": {\"channel\": \"api\", \"liveness_mode\": \"passive\"}}").status()).isEqualTo(201);
    }

    @Test
    void sessionBodyShapeErrors() {
        expect(t.post("/v1/sessions", t.demoKey, "{\"profile\": \"x\"}"), 400, "invalid_type", "profile");
        expect(t.post("/v1/sessions", t.demoKey, "{\"workflow_id\": 5}"), 400, "invalid_type", "workflow_id");
        expect(t.post("/v1/sessions", t.demoKey, "{\"extra\": 1}"), 422, "unknown_field", "extra");
        expect(t.post("/v1/workflows", t.demoKey, "{\"name\": 5}"), 400, "invalid_type", "name");
        expect(t.post("/v1/webhook_endpoints", t.demoKey, "{\"url\": \"ftp://x\"}"), 422, "invalid_url", "url");
        expect(t.post("/v1/webhook_endpoints", t.demoKey, "{}"), 422, "required", "url");
    }

    static List<String> malformedBodies() {
        return List.of("", " ", "{", "}", "[]", "null", "42", "\"text\"", "{\"profile\": {", "{'profile': 1}",
                "{\"profile\": {\"steps\": [null]}}", "{\"profile\": {\"liveness_threshold\": 1e999}}",
                "{\"profile\": {\"liveness_threshold\": true}}", "{\"profile\": []}", "{\"workflow_id\": {}}",
                "\u0000\u0001", "{\"a\":1}{\"b\":2}", "{\"profile\": {\"steps\": [\"document\"]}} trailing", "ÿþ");
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodiesAreClientErrorsNever500(String body) {
        for (String path : List.of("/v1/sessions", "/v1/workflows", "/v1/webhook_endpoints")) {
            TestServer.Res r = t.post(path, t.demoKey, body);
            assertThat(r.status()).as(path + " " + body + " -> " + r).isBetween(400, 499);
            assertThat(r.errorCode()).as(r.toString()).isNotBlank();
        }
        TestServer.Res r = t.patch("/v1/workflows/" + workflowId, t.demoKey, body);
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    }

    static void expect(TestServer.Res r, int status, String code, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
        assertThat(r.errorField()).as(r.toString()).isEqualTo(field);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
    }
}
