package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One organisation never reaches another's data, and gets 404 (not 403) so existence does not leak. */
class IsolationTest extends DatabaseTest {

    @Test
    void anotherOrganisationsSessionsEvidenceWorkflowsAndEndpointsAre404() {
        String alice = t.newOrg(false);
        String bob = t.newOrg(false);
        var session = t.createSession(alice);
        String id = session.get("id").asText();
        assertThat(t.postBytes("/v1/client/session/document/front", session.get("client_token").asText(),
                TestServer.jpeg(500), "image/jpeg").status()).isEqualTo(201);
        String wf = t.post("/v1/workflows", alice, "{}").json().get("id").asText();
        String endpoint = t.post("/v1/webhook_endpoints", alice, "{\"url\": \"https://203.0.113.9/hook\"}").json().get("id").asText();

        assertThat(t.get("/v1/sessions/" + id, alice).status()).isEqualTo(200);
        assertThat(t.get("/v1/sessions/" + id + "/evidence/1", alice).status()).isEqualTo(200);
        for (String path : List.of("/v1/sessions/" + id, "/v1/sessions/" + id + "/evidence", "/v1/sessions/" + id + "/evidence/1",
                "/v1/sessions/" + id + "/webhooks", "/v1/workflows/" + wf)) {
            TestServer.Res r = t.get(path, bob);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain(id.substring(4)).doesNotContain("alice");
        }
        assertThat(t.patch("/v1/workflows/" + wf, bob, "{\"name\": \"mine\"}").status()).isEqualTo(404);
        assertThat(t.post("/v1/sessions", bob, "{\"workflow_id\": \"" + wf + "\"}").status()).isEqualTo(404);
        assertThat(t.delete("/v1/webhook_endpoints/" + endpoint, bob).status()).isEqualTo(404);
        assertThat(SessionsApiTest.ids(t.get("/v1/sessions", bob))).doesNotContain(id);
        assertThat(t.get("/v1/workflows", bob).json().get("data")).isEmpty();
        assertThat(t.get("/v1/webhook_endpoints", bob).json().get("data")).isEmpty();
        assertThat(t.get("/v1/workflows", alice).json().get("data")).hasSize(1);
    }

    @Test
    void credentialsAreCheckedAndNotInterchangeable() {
        String key = t.newOrg(false);
        var session = t.createSession(key);
        String token = session.get("client_token").asText();
        String id = session.get("id").asText();

        assertThat(t.get("/v1/sessions", null).status()).isEqualTo(401);
        assertThat(t.get("/v1/sessions", "vl_live_notarealkeynotarealkey").errorCode()).isEqualTo("unauthorized");
        assertThat(t.get("/v1/sessions", "garbage").status()).isEqualTo(401);
        // A client token opens only its own session through /v1/client, never the integrator API...
        assertThat(t.get("/v1/sessions/" + id, token).status()).isEqualTo(401);
        // ...and an API key is not a client token.
        assertThat(t.get("/v1/client/session", key).status()).isEqualTo(401);
        assertThat(t.get("/v1/client/session", token).json().get("id").asText()).isEqualTo(id);
        assertThat(t.get("/v1/client/session", "vlct_forged").status()).isEqualTo(401);
    }
}
