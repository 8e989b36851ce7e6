package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.verilock.service.WebhookTargetsTest.call;
import static io.verilock.service.WebhookTargetsTest.with;
import static org.assertj.core.api.Assertions.assertThat;

/** A retry pending when the server stops is made when it starts again; a delivered one is not repeated. */
class WebhookResumeTest {

    @Test
    void aPendingRetryIsResumedAfterARestartAndNothingIsSentTwice() throws Exception {
        AtomicInteger answer = new AtomicInteger(500);
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("verilock-resume");
        String key = "vl_test_resumeresumeresumeresume";
        // The embedded H2 file in the data folder survives the restart; the backoff outlasts the first server.
        Map<String, String> env = with(Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(), "VERILOCK_DEMO_API_KEY", key,
                "VERILOCK_WEBHOOK_BACKOFF_MILLIS", "4000", "VERILOCK_WEBHOOK_MAX_ATTEMPTS", "3"), "VERILOCK_WEBHOOK_ALLOW_PRIVATE", "true");
        String id;
        try {
            VerilockServer first = VerilockServer.start(Config.fromEnv(env));
            try {
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
                assertThat(call(first, "POST", "/v1/webhook_endpoints", key, "{\"url\": \"" + url + "\"}").statusCode()).isEqualTo(201);
                id = Json.read(call(first, "POST", "/v1/sessions", key, TestServer.SPEC_PROFILE).body()).get("id").asText();
                first.finalizer().finalise(id, TestServer.result(92, true, 80));
                assertThat(attempts(first, key, id, 1)).hasSize(1);
            } finally {
                first.stop(); // the retry due 4 s later is left in the outbox
            }
            assertThat(received).hasSize(1);
            answer.set(200);

            VerilockServer second = VerilockServer.start(Config.fromEnv(env));
            try {
                JsonNode log = attempts(second, key, id, 2);
                assertThat(log).hasSize(2);
                assertThat(log.get(0).get("status_code").asInt()).isEqualTo(500);
                assertThat(log.get(1).get("attempt").asInt()).isEqualTo(2);
                assertThat(log.get(1).get("succeeded").asBoolean()).isTrue();
                assertThat(Json.read(received.get(1)).get("id").asText()).isEqualTo(id);
            } finally {
                second.stop();
            }

            VerilockServer third = VerilockServer.start(Config.fromEnv(env));
            try {
                Thread.sleep(500);
                assertThat(attempts(third, key, id, 2)).hasSize(2);
            } finally {
                third.stop();
            }
            assertThat(received).hasSize(2);
        } finally {
            receiver.stop(0);
        }
    }

    /** The delivery log once it has {@code n} attempts (or after about 10 s). */
    private static JsonNode attempts(VerilockServer s, String key, String id, int n) throws Exception {
        JsonNode data = Json.read("[]");
        for (int i = 0; i < 400 && data.size() < n; i++) {
            Thread.sleep(25);
            data = Json.read(call(s, "GET", "/v1/sessions/" + id + "/webhooks", key, null).body()).get("data");
        }
        return data;
    }
}
