package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.verilock.service.WebhookTargetsTest.call;
import static org.assertj.core.api.Assertions.assertThat;

/** The demo organisation holds only the current start's key; its sessions stay reachable with it. */
class DemoKeyTest {

    @Test
    void aRestartRevokesTheKeysOfEarlierStarts() throws Exception {
        Path dir = Files.createTempDirectory("verilock-demo-key");
        Map<String, String> env = Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString());
        String firstKey, session;
        VerilockServer first = VerilockServer.start(Config.fromEnv(env)); // generates and prints a key
        try {
            firstKey = first.demoApiKey();
            var created = call(first, "POST", "/v1/sessions", firstKey, TestServer.SPEC_PROFILE);
            assertThat(created.statusCode()).isEqualTo(201);
            session = Json.read(created.body()).get("id").asText();
        } finally {
            first.stop();
        }
        String chosen = "vl_test_chosenchosenchosenchosen";
        VerilockServer second = VerilockServer.start(Config.fromEnv(WebhookTargetsTest.with(env, "VERILOCK_DEMO_API_KEY", chosen)));
        try {
            assertThat(call(second, "GET", "/v1/sessions/" + session, firstKey, null).statusCode()).isEqualTo(401);
            assertThat(call(second, "GET", "/v1/sessions/" + session, chosen, null).statusCode()).isEqualTo(200);
        } finally {
            second.stop();
        }
        // The same configured key on the next start is kept, not revoked.
        VerilockServer third = VerilockServer.start(Config.fromEnv(WebhookTargetsTest.with(env, "VERILOCK_DEMO_API_KEY", chosen)));
        try {
            assertThat(call(third, "GET", "/v1/sessions/" + session, chosen, null).statusCode()).isEqualTo(200);
        } finally {
            third.stop();
        }
    }
}
