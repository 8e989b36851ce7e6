package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17: bounded request bodies, transport errors as 4xx, parameter ranges and NUL, failed-auth limits, the demo's reach. */
class HostileInputTest {

    /** A raw HTTP/1.1 exchange on its own connection: what the client libraries will not send. */
    static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void aThousandSlowBodiesLeaveHealthAnswering() throws Exception {
        try (TestServer t = TestServer.start("h2")) {
            // A passive session's selfie route reads the body after authenticating: each slow body holds a thread.
            String token = t.createSession(t.demoKey, "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"passive\"}}")
                    .get("client_token").asText();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    Socket s = new Socket("127.0.0.1", t.server.port());
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /v1/client/selfie HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nAuthorization: Bearer " + token + "\r\n"
                            + "Content-Length: 1000000\r\n\r\n\u00ff").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    slow.add(s);
                }
                long worst = 0;
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    TestServer.Res health = t.get("/health", null);
                    worst = Math.max(worst, System.nanoTime() - t0);
                    assertThat(health.status()).isEqualTo(200);
                }
                System.out.printf("1000 slow bodies open: slowest of 10 /health answers %.1f ms%n", worst / 1e6);
                assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofSeconds(1));
                // Those past the per-client limit were refused at once, with Retry-After and a JSON error.
                Socket last = slow.get(slow.size() - 1);
                last.setSoTimeout(5000);
                String answer = new String(last.getInputStream().readNBytes(600), StandardCharsets.ISO_8859_1);
                assertThat(status(answer)).isEqualTo(429);
                assertThat(answer).contains("Retry-After: 1").contains("\"too_many_uploads\"");
            } finally {
                for (Socket s : slow) s.close();
            }
        }
    }

    @Test
    void transportErrorsAreTheClientsNotTheServers() throws Exception {
        try (TestServer t = TestServer.start("h2")) {
            String key = t.demoKey;
            String badChunk = raw(t.server.port(), "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n");
            assertThat(status(badChunk)).isBetween(400, 499);
            // A chunked body past the largest upload is cut off as it streams (Javalin checks only Content-Length).
            StringBuilder big = new StringBuilder("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            String chunk = "a".repeat(60_000);
            for (int i = 0; i < 40; i++) big.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            big.append("0\r\n\r\n");
            String tooBig = raw(t.server.port(), big.toString());
            assertThat(status(tooBig)).isEqualTo(413);
            assertThat(tooBig).contains("\"payload_too_large\"");
            // A client that closes mid-body: no 500 counted.
            try (Socket s = new Socket("127.0.0.1", t.server.port())) {
                s.getOutputStream().write(("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"profile\":").getBytes(StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(500);
            String metrics = t.get("/metrics", null).body();
            assertThat(metrics).doesNotContain("status=\"500\"");
        }
    }

    @ParameterizedTest
    @MethodSource("io.verilock.service.TestServer#databases")
    void parameterRangesAndNulAreRefusedBeforeTheDatabase(String db) throws Exception {
        try (TestServer t = TestServer.start(db)) {
            String key = t.demoKey;
            for (String v : new String[] {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+294277-01-01T00:00:00Z", "10000-01-01T00:00:00Z"}) {
                for (String p : new String[] {"created_after", "created_before"}) {
                    TestServer.Res r = t.get("/v1/sessions?" + p + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8), key);
                    assertThat(r.status()).as(p + "=" + v).isIn(400, 422);
                    assertThat(r.errorField()).isEqualTo(p);
                }
            }
            assertThat(t.get("/v1/sessions?created_after=2026-01-01T00:00:00Z", key).status()).isEqualTo(200);
            for (String cursor : new String[] {Long.MAX_VALUE + ":ses_00000000-0000-0000-0000-000000000000",
                    "0:ses_\u0000", "1700000000000:x' OR 1=1", "-62135596800001:ses_00000000-0000-0000-0000-000000000000"}) {
                String c = Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
                assertThat(t.get("/v1/sessions?cursor=" + c, key).errorCode()).as(cursor).isEqualTo("invalid_cursor");
            }
            TestServer.Res nulName = t.post("/v1/workflows", key, "{\"name\": \"a\\u0000b\"}");
            assertThat(nulName.status()).isEqualTo(422);
            assertThat(nulName.errorCode()).isEqualTo("invalid_character");
            assertThat(t.post("/v1/sessions", key, "{\"workflow_id\": \"wf_\\u0000\"}").errorCode()).isEqualTo("invalid_character");
            assertThat(t.get("/v1/workflows/wf_%00", key).status()).isBetween(400, 499);
            assertThat(t.get("/v1/sessions?status=%00", key).status()).isBetween(400, 499);
        }
    }

    @Test
    void failedAuthenticationIsLimitedPerAddressWithRetryAfter() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_FAILED_AUTH_PER_MINUTE", "5"))) {
            // A token we issued that has expired (or was spent) is a device that kept going, not a guess: not counted.
            String expired = t.createSession(t.demoKey).get("client_token").asText();
            t.clock.advance(Duration.ofMinutes(11));
            for (int i = 0; i < 10; i++) assertThat(t.get("/v1/client/session", expired).status()).isEqualTo(401);
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
            for (int i = 0; i < 5; i++) assertThat(t.get("/v1/sessions", "vl_live_wrong" + i).status()).isEqualTo(401);
            TestServer.Res limited = t.get("/v1/sessions", "vl_live_wrong");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("too_many_failed_attempts");
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            // Even the right key waits: the limit is on the address, so guessing cannot tell a hit by its answer.
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(429);
            assertThat(t.get("/v1/client/session", "wrong").status()).isEqualTo(429);
            t.clock.advance(Duration.ofSeconds(13));
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
        }
    }

    @Test
    void everyRateLimitedAnswerSaysWhenToRetry() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_RATE_LIMIT_PER_MINUTE", "3"))) {
            for (int i = 0; i < 3; i++) assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
            TestServer.Res limited = t.get("/v1/sessions", t.demoKey);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        }
    }

    /** A flood of new keys evicts some buckets, never the busy ones: nobody's limit is reset by it. */
    @Test
    void theLimiterIsBoundedWithoutForgettingEveryone() {
        TestServer.MutableClock clock = new TestServer.MutableClock();
        RateLimiter limiter = new RateLimiter(2, clock, 1000);
        assertThat(limiter.tryAcquire("victim")).isTrue();
        assertThat(limiter.tryAcquire("victim")).isTrue();
        assertThat(limiter.tryAcquire("victim")).isFalse();
        for (int i = 0; i < 20_000; i++) {
            limiter.tryAcquire("attacker-" + i);
            if (i % 100 == 0) assertThat(limiter.tryAcquire("victim")).as("after %d new keys", i).isFalse();
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(1000);
        clock.advance(Duration.ofSeconds(31));
        assertThat(limiter.tryAcquire("victim")).isTrue();
    }

    @Test
    void theDemoShowsOnlyItsOwnSessionsToTheBrowserThatMadeThem() {
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_DEMO_RATE_LIMIT_PER_MINUTE", "4"))) {
            TestServer.Res created = t.post("/demo/sessions", null, "{\"liveness_mode\": \"passive\"}");
            assertThat(created.status()).isEqualTo(201);
            String cookie = created.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/demo");
            String browser = cookie.substring(0, cookie.indexOf(';'));
            String id = created.json().get("id").asText();
            TestServer.Res mine = TestServer.send(t.request("/demo/sessions/" + id, null).header("Cookie", browser));
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().get("id").asText()).isEqualTo(id);
            // No cookie, another browser's cookie, or a session made through /v1 with the demo key: 404 alike.
            assertThat(t.get("/demo/sessions/" + id, null).status()).isEqualTo(404);
            String other = t.post("/demo/sessions", null, "{}").headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(TestServer.send(t.request("/demo/sessions/" + id, null).header("Cookie", other.substring(0, other.indexOf(';')))).status())
                    .isEqualTo(404);
            String viaApi = t.createSession(t.demoKey).get("id").asText();
            assertThat(TestServer.send(t.request("/demo/sessions/" + viaApi, null).header("Cookie", browser)).status()).isEqualTo(404);
            // Creation has its own per-address limit (4 a minute here), with Retry-After.
            t.post("/demo/sessions", null, "{}");
            t.post("/demo/sessions", null, "{}");
            TestServer.Res limited = t.post("/demo/sessions", null, "{}");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
