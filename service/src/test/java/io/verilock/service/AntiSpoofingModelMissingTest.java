package io.verilock.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.model.MiniFasNetModel;
import io.verilock.engine.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the anti-spoofing model files (an empty model folder, no seed, a download source that refuses): the
 * service still starts, logs one line naming the files and how to provide them, reports degraded health, and a
 * passive session is not decided (needs_review, the reason in the analysis).
 */
class AntiSpoofingModelMissingTest {
    @TempDir Path empty;

    @Test
    void serviceStartsDegradedAndSendsPassiveSessionsToReview() {
        ModelStore none = new ModelStore(empty, null, "http://127.0.0.1:9/no-models/");
        List<ILoggingEvent> log = ServerLog.around(() -> TestServer.start("h2", Map.of(), new TestHooks(true, none)), t -> {
            TestServer.Res health = t.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("anti_spoofing_model").asText()).isEqualTo("missing");

            JsonNode s = t.createSession(t.demoKey, """
                    {"profile": {"steps": ["selfie"], "liveness_mode": "passive"}}""");
            TestServer.Res r = t.postBytes("/v1/client/selfie", s.get("client_token").asText(), Subjects.astronautPng(), "image/png");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode detail = t.get("/v1/sessions/" + s.get("id").asText(), t.demoKey).json();
            assertThat(detail.get("status").asText()).isEqualTo("needs_review");
            assertThat(detail.get("analysis").get("deductions").findValuesAsText("code")).contains("anti_spoofing_model_missing");
        });
        List<String> warnings = log.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("anti-spoofing model missing")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains(MiniFasNetModel.V2.file()).contains(MiniFasNetModel.V1SE.file())
                .contains("verilock models fetch").contains("VERILOCK_MODELS_DIR");
    }
}
