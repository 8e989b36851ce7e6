package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsApiTest extends DatabaseTest {

    @Test
    void createReturnsSessionResolvedProfileAndClientToken() {
        JsonNode s = t.createSession(t.demoKey);
        assertThat(s.get("id").asText()).matches("ses_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(s.get("status").asText()).isEqualTo("created");
        assertThat(s.get("profile").toString()).isEqualTo("""
                {"steps":["document","selfie"],"channel":"sdk","liveness_mode":"active","liveness_threshold":80,\
                "liveness_challenges":["head_left","head_right","blink"]}""");
        assertThat(s.get("client_token").asText()).startsWith("vlct_");
        Instant created = Instant.parse(s.get("created_at").asText());
        assertThat(Instant.parse(s.get("expires_at").asText())).isEqualTo(created.plus(Duration.ofMinutes(60)));
        assertThat(Instant.parse(s.get("client_token_expires_at").asText())).isEqualTo(created.plus(Duration.ofMinutes(10)));
        assertThat(s.get("sandbox").asBoolean()).isTrue(); // the demo key is a vl_test_ key
    }

    @Test
    void detailHasTheSpecShapeWithTheConfigurationAndNullMeasurementsBeforeTheSelfie() {
        String id = t.createSession(t.demoKey).get("id").asText();
        TestServer.Res r = t.get("/v1/sessions/" + id, t.demoKey);
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("id").asText()).isEqualTo(id);
        assertThat(s.has("client_token")).isFalse();
        assertThat(fieldNames(s.get("selfie"))).containsExactly("liveness_mode", "liveness_score", "liveness_passed",
                "liveness_threshold", "challenges_completed", "frames_captured", "pose_variation_score", "expression_variation_score");
        // The spec profile of createSession: active, threshold 80. Both say so from creation; nothing measured yet.
        assertThat(s.get("selfie").get("liveness_mode").asText()).isEqualTo("active");
        assertThat(s.get("selfie").get("liveness_threshold").asInt()).isEqualTo(80);
        s.get("selfie").fields().forEachRemaining(f -> {
            if (!f.getKey().equals("liveness_mode") && !f.getKey().equals("liveness_threshold")) {
                assertThat(f.getValue().isNull()).as(f.getKey()).isTrue();
            }
        });
        // Defaults resolved: passive, 75.
        JsonNode defaults = t.get("/v1/sessions/" + t.createSession(t.demoKey, "{}").get("id").asText(), t.demoKey).json().get("selfie");
        assertThat(defaults.get("liveness_mode").asText()).isEqualTo("passive");
        assertThat(defaults.get("liveness_threshold").asInt()).isEqualTo(75);
        assertThat(defaults.get("liveness_score").isNull()).isTrue();
        assertThat(s.get("document").toString()).isEqualTo("{\"status\":\"pending\",\"images\":[]}");
        assertThat(s.get("analysis").isNull()).isTrue();
    }

    @Test
    void defaultsApplyWithoutProfileAndStepsWithoutSelfieHaveNoSelfieObject() {
        JsonNode s = t.createSession(t.demoKey, "{}");
        assertThat(s.get("profile").toString()).isEqualTo("""
                {"steps":["document","selfie"],"channel":"sdk","liveness_mode":"passive","liveness_threshold":75,\
                "liveness_challenges":["head_left","head_right","smile","blink"]}""");
        JsonNode docOnly = t.createSession(t.demoKey, "{\"profile\": {\"steps\": [\"document\"]}}");
        assertThat(docOnly.get("selfie").isNull()).isTrue();
        assertThat(docOnly.get("profile").get("liveness_mode").isNull()).isTrue();
        JsonNode selfieOnly = t.createSession(t.demoKey, "{\"profile\": {\"steps\": [\"selfie\"], \"channel\": \"api\"}}");
        assertThat(selfieOnly.get("document").isNull()).isTrue();
        assertThat(selfieOnly.get("profile").get("liveness_mode").asText()).isEqualTo("passive");
    }

    @Test
    void liveKeysMakeNonSandboxSessions() {
        String live = t.newOrg(false);
        assertThat(live).startsWith("vl_live_");
        assertThat(t.createSession(live).get("sandbox").asBoolean()).isFalse();
    }

    @Test
    void unknownSessionIs404() {
        TestServer.Res r = t.get("/v1/sessions/ses_00000000-0000-0000-0000-000000000000", t.demoKey);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(t.get("/v1/sessions/whatever", t.demoKey).status()).isEqualTo(404);
    }

    @Test
    void paginationWalksEverySessionOnceNewestFirst() {
        String key = t.newOrg(true);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, t.createSession(key).get("id").asText());
            t.clock.advance(Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestServer.Res r = t.get("/v1/sessions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(r.status()).isEqualTo(200);
            r.json().get("data").forEach(s -> seen.add(s.get("id").asText()));
            cursor = r.json().get("next_cursor").isNull() ? null : r.json().get("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listFiltersByStatusAndCreationTime() {
        String key = t.newOrg(true);
        JsonNode first = t.createSession(key);
        t.clock.advance(Duration.ofMinutes(1));
        JsonNode second = t.createSession(key);
        t.server.finalizer().finalise(second.get("id").asText(), TestServer.result(95, true, 80));

        assertThat(ids(t.get("/v1/sessions?status=approved", key))).containsExactly(second.get("id").asText());
        assertThat(ids(t.get("/v1/sessions?status=created", key))).containsExactly(first.get("id").asText());
        String between = Instant.parse(first.get("created_at").asText()).plusSeconds(30).toString();
        assertThat(ids(t.get("/v1/sessions?created_before=" + between, key))).containsExactly(first.get("id").asText());
        assertThat(ids(t.get("/v1/sessions?created_after=" + between, key))).containsExactly(second.get("id").asText());
        assertThat(ids(t.get("/v1/sessions", key))).hasSize(2);
    }

    @Test
    void badListParametersAreClientErrors() {
        assertThat(t.get("/v1/sessions?limit=0", t.demoKey).errorField()).isEqualTo("limit");
        assertThat(t.get("/v1/sessions?limit=101", t.demoKey).status()).isEqualTo(422);
        assertThat(t.get("/v1/sessions?limit=x", t.demoKey).status()).isEqualTo(400);
        assertThat(t.get("/v1/sessions?cursor=%25%25", t.demoKey).status()).isEqualTo(400);
        assertThat(t.get("/v1/sessions?cursor=bm9wZQ", t.demoKey).errorCode()).isEqualTo("invalid_cursor");
        assertThat(t.get("/v1/sessions?status=done", t.demoKey).errorCode()).isEqualTo("unknown_status");
        TestServer.Res r = t.get("/v1/sessions?created_after=yesterday", t.demoKey);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorField()).isEqualTo("created_after");
    }

    @Test
    void sessionsInheritWorkflowsAndMayOverride() {
        String wf = t.post("/v1/workflows", t.demoKey, """
                {"name": "kyc", "liveness_mode": "active", "liveness_threshold": 85}""").json().get("id").asText();
        JsonNode s = t.createSession(t.demoKey, "{\"workflow_id\": \"" + wf + "\", \"profile\": {\"liveness_challenges\": [\"smile\"]}}");
        assertThat(s.get("workflow_id").asText()).isEqualTo(wf);
        assertThat(s.get("profile").get("liveness_mode").asText()).isEqualTo("active");
        assertThat(s.get("profile").get("liveness_threshold").asInt()).isEqualTo(85);
        assertThat(s.get("profile").get("liveness_challenges").toString()).isEqualTo("[\"smile\"]");

        TestServer.Res unknown = t.post("/v1/sessions", t.demoKey, "{\"workflow_id\": \"wf_nope\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorField()).isEqualTo("workflow_id");
    }

    @Test
    void openSessionsExpireOnRead() {
        String key = t.newOrg(true);
        String id = t.createSession(key).get("id").asText();
        t.clock.advance(Duration.ofMinutes(61));
        assertThat(t.get("/v1/sessions/" + id, key).json().get("status").asText()).isEqualTo("expired");
        assertThat(ids(t.get("/v1/sessions?status=expired", key))).containsExactly(id);
    }

    static List<String> ids(TestServer.Res r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("data").forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
