package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client tokens, the document upload, evidence storage and serving, token expiry and spending. */
class ClientApiTest extends DatabaseTest {

    @Test
    void clientSessionShowsResolvedProfileAndStatusOnly() {
        JsonNode s = t.createSession(t.demoKey);
        TestServer.Res r = t.get("/v1/client/session", s.get("client_token").asText());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(s.get("id").asText());
        assertThat(r.json().get("status").asText()).isEqualTo("created");
        assertThat(r.json().get("profile")).isEqualTo(s.get("profile"));
        assertThat(r.json().has("selfie")).isFalse();
        assertThat(r.json().has("analysis")).isFalse();
    }

    @Test
    void documentUploadStoresEvidenceServedOnlyToTheOwner() throws Exception {
        JsonNode s = t.createSession(t.demoKey);
        String id = s.get("id").asText();
        String token = s.get("client_token").asText();
        byte[] front = TestServer.jpeg(2000);
        byte[] back = TestServer.png(1500);

        TestServer.Res r = t.postBytes("/v1/client/session/document/front", token, front, "image/jpeg");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("uploaded");
        assertThat(t.postBytes("/v1/client/session/document/back", token, back, "application/octet-stream").status()).isEqualTo(201);

        JsonNode detail = t.get("/v1/sessions/" + id, t.demoKey).json();
        assertThat(detail.get("status").asText()).isEqualTo("in_progress");
        JsonNode images = detail.get("document").get("images");
        assertThat(images).hasSize(2);
        assertThat(images.get(0).get("side").asText()).isEqualTo("front");
        assertThat(images.get(0).get("sha256").asText()).isEqualTo(Secrets.sha256Hex(front));
        assertThat(images.get(1).get("content_type").asText()).isEqualTo("image/png");
        assertThat(images.get(0).get("url").asText()).isEqualTo(t.server.baseUrl() + "/v1/sessions/" + id + "/evidence/1");

        TestServer.Res file = t.get("/v1/sessions/" + id + "/evidence/2", t.demoKey);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.bytes()).isEqualTo(back);
        assertThat(t.get("/v1/sessions/" + id + "/evidence/3", t.demoKey).status()).isEqualTo(404);
        assertThat(t.get("/v1/sessions/" + id + "/evidence/x", t.demoKey).status()).isEqualTo(404);
        assertThat(t.get("/v1/sessions/" + id + "/evidence", t.demoKey).json().get("data")).hasSize(2);
        // The client token cannot read evidence back.
        assertThat(t.get("/v1/sessions/" + id + "/evidence/1", token).status()).isEqualTo(401);
        // Files live under the data directory, never in the database.
        try (var files = java.nio.file.Files.list(t.dataDir.resolve("evidence/org_demo/" + id))) {
            var first = files.filter(f -> f.getFileName().toString().matches("1-[0-9a-f]{16}\\.jpg")).findFirst().orElseThrow();
            assertThat(java.nio.file.Files.readAllBytes(first)).isEqualTo(front);
        }
    }

    @Test
    void uploadRulesAreEnforced() {
        JsonNode s = t.createSession(t.demoKey);
        String token = s.get("client_token").asText();
        assertThat(t.postBytes("/v1/client/session/document/front", token, "not an image".getBytes(), "image/jpeg").errorCode())
                .isEqualTo("unsupported_media_type");
        assertThat(t.postBytes("/v1/client/session/document/front", token, new byte[0], "image/jpeg").status()).isEqualTo(400);
        TestServer.Res big = t.postBytes("/v1/client/session/document/front", token, TestServer.jpeg(70_000), "image/jpeg");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errorCode()).isEqualTo("payload_too_large");
        TestServer.Res side = t.postBytes("/v1/client/session/document/middle", token, TestServer.jpeg(100), "image/jpeg");
        assertThat(side.status()).isEqualTo(422);
        assertThat(side.errorField()).isEqualTo("side");
        assertThat(t.postBytes("/v1/client/session/document/front", token, TestServer.jpeg(100), "image/jpeg").status()).isEqualTo(201);
        assertThat(t.postBytes("/v1/client/session/document/front", token, TestServer.jpeg(100), "image/jpeg").errorCode())
                .isEqualTo("already_uploaded");

        String selfieOnly = t.createSession(t.demoKey, "{\"profile\": {\"steps\": [\"selfie\"]}}").get("client_token").asText();
        assertThat(t.postBytes("/v1/client/session/document/front", selfieOnly, TestServer.jpeg(100), "image/jpeg").errorCode())
                .isEqualTo("step_not_in_profile");
    }

    @Test
    void concurrentUploadsOfBothSidesAreBothRecorded() throws Exception {
        JsonNode s = t.createSession(t.demoKey);
        String token = s.get("client_token").asText();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var front = pool.submit(() -> t.postBytes("/v1/client/session/document/front", token, TestServer.jpeg(3000), "image/jpeg"));
            var back = pool.submit(() -> t.postBytes("/v1/client/session/document/back", token, TestServer.jpeg(3000), "image/jpeg"));
            assertThat(front.get().status()).isEqualTo(201);
            assertThat(back.get().status()).isEqualTo(201);
        } finally {
            pool.shutdown();
        }
        assertThat(t.get("/v1/sessions/" + s.get("id").asText(), t.demoKey).json().get("document").get("images")).hasSize(2);
    }

    @Test
    void anImageSeenInAnotherSessionOfTheOrganisationIsRejected() {
        byte[] image = TestServer.jpeg(800);
        String first = t.createSession(t.demoKey).get("client_token").asText();
        String second = t.createSession(t.demoKey).get("client_token").asText();
        String otherOrganisation = t.createSession(t.newOrg(false)).get("client_token").asText();
        assertThat(t.postBytes("/v1/client/session/document/front", first, image, "image/jpeg").status()).isEqualTo(201);
        TestServer.Res again = t.postBytes("/v1/client/session/document/front", second, image, "image/jpeg");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("duplicate_evidence");
        // Another organisation is not told that this one holds the image (issue #17: no cross-organisation oracle).
        assertThat(t.postBytes("/v1/client/session/document/front", otherOrganisation, image, "image/jpeg").status()).isEqualTo(201);
        // The same rule guards selfie frames stored by the capture protocol.
        String id = t.createSession(t.demoKey).get("id").asText();
        byte[] frame = TestServer.jpeg(900);
        assertThat(t.server.evidence().store("org_demo", id, "selfie_frame", frame).n()).isEqualTo(1);
        String other = t.createSession(t.demoKey).get("id").asText();
        assertThatThrownBy(() -> t.server.evidence().store("org_demo", other, "selfie_frame", frame))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("duplicate_evidence"));
    }

    @Test
    void clientTokensExpire() {
        String token = t.createSession(t.demoKey).get("client_token").asText();
        assertThat(t.get("/v1/client/session", token).status()).isEqualTo(200);
        t.clock.advance(Duration.ofMinutes(9));
        assertThat(t.get("/v1/client/session", token).status()).isEqualTo(200);
        t.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        TestServer.Res r = t.get("/v1/client/session", token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void finalisingSpendsTheTokenAndHappensOnce() {
        JsonNode s = t.createSession(t.demoKey);
        String id = s.get("id").asText();
        String token = s.get("client_token").asText();
        t.server.finalizer().finalise(id, TestServer.result(92.5, true, 80));
        assertThat(t.get("/v1/client/session", token).status()).isEqualTo(401);
        assertThatThrownBy(() -> t.server.finalizer().finalise(id, TestServer.result(10, false, 80)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("session_already_finalised");
                });
        assertThat(t.get("/v1/sessions/" + id, t.demoKey).json().get("status").asText()).isEqualTo("approved");
    }
}
