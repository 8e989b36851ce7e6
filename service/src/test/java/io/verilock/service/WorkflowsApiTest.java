package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowsApiTest extends DatabaseTest {

    @Test
    void createAppliesTheSpecDefaults() {
        TestServer.Res r = t.post("/v1/workflows", t.demoKey, "{\"name\": \"onboarding\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode w = r.json();
        assertThat(w.get("id").asText()).startsWith("wf_");
        assertThat(w.get("name").asText()).isEqualTo("onboarding");
        assertThat(w.get("steps").toString()).isEqualTo("[\"document\",\"selfie\"]");
        assertThat(w.get("liveness_mode").asText()).isEqualTo("passive");
        assertThat(w.get("liveness_threshold").asInt()).isEqualTo(75);
        assertThat(w.get("liveness_challenges").toString()).isEqualTo("[\"head_left\",\"head_right\",\"smile\",\"blink\"]");
        assertThat(t.get("/v1/workflows/" + w.get("id").asText(), t.demoKey).json()).isEqualTo(w);
    }

    @Test
    void listAndPatch() {
        String key = t.newOrg(false);
        String a = t.post("/v1/workflows", key, "{\"name\": \"a\", \"liveness_mode\": \"active\"}").json().get("id").asText();
        t.post("/v1/workflows", key, "{\"name\": \"b\", \"steps\": [\"document\"], \"channel\": \"api\"}");
        JsonNode list = t.get("/v1/workflows", key).json().get("data");
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("liveness_mode").isNull()).isTrue();

        TestServer.Res patched = t.patch("/v1/workflows/" + a, key, "{\"liveness_threshold\": 90, \"liveness_challenges\": [\"blink\", \"smile\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("a");
        assertThat(patched.json().get("liveness_mode").asText()).isEqualTo("active");
        assertThat(patched.json().get("liveness_threshold").asInt()).isEqualTo(90);
        assertThat(patched.json().get("liveness_challenges").toString()).isEqualTo("[\"blink\",\"smile\"]");
        assertThat(t.get("/v1/workflows/" + a, key).json()).isEqualTo(patched.json());
        // Sessions created afterwards inherit the change.
        assertThat(t.createSession(key, "{\"workflow_id\": \"" + a + "\"}").get("profile").get("liveness_threshold").asInt()).isEqualTo(90);
    }

    @Test
    void unknownWorkflowIs404() {
        assertThat(t.get("/v1/workflows/wf_nope", t.demoKey).status()).isEqualTo(404);
        assertThat(t.patch("/v1/workflows/wf_nope", t.demoKey, "{}").status()).isEqualTo(404);
    }
}
