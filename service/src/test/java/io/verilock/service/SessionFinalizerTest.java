package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionFinalizerTest extends DatabaseTest {

    @ParameterizedTest
    @CsvSource({"92.5, true, approved", "79.9, false, needs_review", "50, false, needs_review",
                "49.9, false, declined", "85, false, declined", "0, false, declined"})
    void statusFollowsTheSpecThresholds(double score, boolean passed, String status) {
        String id = t.createSession(t.demoKey).get("id").asText();
        assertThat(t.server.finalizer().finalise(id, TestServer.result(score, passed, 80)).status()).isEqualTo(status);
        assertThat(t.get("/v1/sessions/" + id, t.demoKey).json().get("status").asText()).isEqualTo(status);
    }

    @Test
    void detailShowsTheSpecSelfieObjectAndTheStoredAnalysis() {
        String id = t.createSession(t.demoKey).get("id").asText();
        var analysis = Json.MAPPER.createObjectNode().put("engine", "test");
        analysis.putArray("frames").addObject().put("yaw", -31.5);
        t.server.finalizer().finalise(id, new SelfieResult("active", 92.5, true, 75,
                List.of("head_left", "head_right", "smile", "blink"), 10, 94.0, 91.0, analysis, "pass"));

        JsonNode s = t.get("/v1/sessions/" + id, t.demoKey).json();
        assertThat(s.get("status").asText()).isEqualTo("approved");
        assertThat(s.get("selfie").toString()).isEqualTo("""
                {"liveness_mode":"active","liveness_score":92.5,"liveness_passed":true,"liveness_threshold":75,\
                "challenges_completed":["head_left","head_right","smile","blink"],"frames_captured":10,\
                "pose_variation_score":94.0,"expression_variation_score":91.0}""");
        assertThat(s.get("analysis")).isEqualTo(analysis);
        assertThat(s.get("finalised_at").isNull()).isFalse();
    }

    @Test
    void aFailureDeclinesWhateverTheScore() {
        String id = t.createSession(t.demoKey).get("id").asText();
        Session s = t.server.finalizer().finalise(id, TestServer.result(78, false, 80), "timeout");
        assertThat(s.status()).isEqualTo("declined");
        assertThat(s.analysis().get("failure").asText()).isEqualTo("timeout");
        assertThat(s.analysis().get("engine").asText()).isEqualTo("test");
    }

    @Test
    void unknownExpiredAndSelfielessSessionsCannotBeFinalised() {
        assertThatThrownBy(() -> t.server.finalizer().finalise("ses_nope", TestServer.result(90, true, 80)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));

        String docOnly = t.createSession(t.demoKey, "{\"profile\": {\"steps\": [\"document\"]}}").get("id").asText();
        assertThatThrownBy(() -> t.server.finalizer().finalise(docOnly, TestServer.result(90, true, 80)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("selfie_not_in_profile"));

        String key = t.newOrg(true);
        String late = t.createSession(key).get("id").asText();
        t.clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> t.server.finalizer().finalise(late, TestServer.result(90, true, 80)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("session_expired"));
        assertThat(t.get("/v1/sessions/" + late, key).json().get("status").asText()).isEqualTo("expired");
    }

    @Test
    void concurrentFinalisationsHaveExactlyOneWinner() throws Exception {
        String id = t.createSession(t.demoKey).get("id").asText();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        t.server.finalizer().finalise(id, TestServer.result(90, true, 80));
                        return true;
                    } catch (ApiError e) {
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (var f : futures) winners += f.get() ? 1 : 0;
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }
}
