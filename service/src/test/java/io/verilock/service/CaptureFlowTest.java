package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.liveness.PlanarityCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Active captures streamed over HTTP to a decision, with a scripted analyzer (ScriptedFaces) in place of the models:
 * a person passes; each way of failing declines with its reason; the capture survives its server going away and
 * frames served alternately by two instances reach the same decision as one. The server's clock moves 100 ms per
 * frame (10 fps), as a camera's frames would arrive.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.verilock.service.TestServer#databases")
class CaptureFlowTest {
    private static final String PROFILE = """
            {"profile": {"steps": ["selfie"], "liveness_mode": "active", "liveness_threshold": 75,
                         "liveness_challenges": ["head_left", "blink", "smile", "head_right"]}}""";
    private static final String ORDER = """
            {"order": ["head_left", "blink", "smile", "head_right"]}""";
    static TestServer t;
    @Parameter String db;

    @BeforeParameterizedClassInvocation
    static void startServer(String db) { t = start(db); }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        if (t != null) t.close();
        t = null;
    }

    /** A server with the scripted analyzer; on H2 its in-memory database outlives the server (a restart). */
    private static TestServer start(String db) {
        Map<String, String> env = db.equals("h2") ? Map.of("VERILOCK_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1") : Map.of();
        return TestServer.start(db, env, TestHooks.scripted(ScriptedFaces.Analyzer::new));
    }

    private static ScriptedFaces person(double live) {
        return new ScriptedFaces().neutral(8, live).turn(-1, live).blink(live).smile(live).turn(1, live).neutral(3, live);
    }

    record Capture(String sessionId, String token) {}

    private static Capture begin(TestServer server) {
        JsonNode s = server.createSession(server.demoKey, PROFILE);
        Capture c = new Capture(s.get("id").asText(), s.get("client_token").asText());
        TestServer.Res started = server.post("/v1/client/capture", c.token(), ORDER);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("state").asText()).isEqualTo("baseline");
        return c;
    }

    /** Sends frames (each 100 ms after the last) until the capture finishes; returns the guidance answers. */
    private static List<JsonNode> stream(Capture c, List<byte[]> frames, TestServer... servers) {
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            TestServer server = servers[i % servers.length];
            server.clock.advance(Duration.ofMillis(100));
            TestServer.Res r = server.postBytes("/v1/client/capture/frames", c.token(), frames.get(i), "image/jpeg");
            assertThat(r.status()).as("frame %d: %s", i, r).isEqualTo(200);
            answers.add(r.json());
            if (r.json().get("finished").asBoolean()) break;
        }
        return answers;
    }

    private static JsonNode session(TestServer server, Capture c) {
        return server.get("/v1/sessions/" + c.sessionId(), server.demoKey).json();
    }

    private static JsonNode last(List<JsonNode> answers) { return answers.get(answers.size() - 1); }

    @Test
    void aPersonStreamedToTheEndIsApprovedWithTheKeptFramesAsEvidence() {
        Capture c = begin(t);
        assertThat(session(t, c).get("status").asText()).isEqualTo("in_progress");
        List<JsonNode> answers = stream(c, person(0.9).jpegs(), t);
        assertThat(last(answers).get("state").asText()).isEqualTo("done");
        assertThat(last(answers).get("completed").asInt()).isEqualTo(4);

        JsonNode s = session(t, c);
        assertThat(s.get("status").asText()).isEqualTo("approved");
        assertThat(s.get("selfie").get("liveness_passed").asBoolean()).isTrue();
        assertThat(s.get("selfie").get("challenges_completed")).hasSize(4);
        JsonNode frames = s.get("analysis").get("frames");
        assertThat(frames.size()).isBetween(8, 12);
        List<Integer> evidence = StreamSupport.stream(t.get("/v1/sessions/" + c.sessionId() + "/evidence", t.demoKey)
                .json().get("data").spliterator(), false).map(e -> e.get("n").asInt()).toList();
        for (JsonNode f : frames) assertThat(evidence).contains(f.get("evidence_n").asInt());
        assertThat(s.get("analysis").get("texture").get("median_live").asDouble()).isEqualTo(0.9);

        // the decision is final: the token is spent
        TestServer.Res again = t.postBytes("/v1/client/capture/frames", c.token(), ScriptedFaces.jpeg("0 0.95 0.1 0.9"), "image/jpeg");
        assertThat(again.status()).isEqualTo(401);
    }

    @Test
    void aChallengeNotPerformedInTimeDeclinesWithItsReason() {
        Capture c = begin(t);
        List<JsonNode> answers = stream(c, new ScriptedFaces().neutral(8, 0.9).neutral(120, 0.9).jpegs(), t);
        assertThat(last(answers).get("state").asText()).isEqualTo("failed");
        assertThat(last(answers).get("reason").asText()).isEqualTo("challenge_timeout");
        JsonNode s = session(t, c);
        assertThat(s.get("status").asText()).isEqualTo("declined");
        assertThat(s.get("analysis").get("failure").asText()).isEqualTo("challenge_timeout");
    }

    @Test
    void noFaceUntilTheBaselineTimeoutDeclines() {
        Capture c = begin(t);
        List<JsonNode> answers = stream(c, new ScriptedFaces().none(150).jpegs(), t);
        assertThat(answers.get(0).get("reason").asText()).isEqualTo("no_face");
        assertThat(last(answers).get("reason").asText()).isEqualTo("baseline_timeout");
        assertThat(session(t, c).get("status").asText()).isEqualTo("declined");
    }

    @Test
    void aScreenReplayPerformingEveryChallengeIsDeclinedByItsTexture() {
        Capture c = begin(t);
        assertThat(last(stream(c, person(0.05).jpegs(), t)).get("state").asText()).isEqualTo("done");
        JsonNode s = session(t, c);
        assertThat(s.get("status").asText()).isEqualTo("declined");
        assertThat(s.get("selfie").get("liveness_score").asDouble()).isLessThanOrEqualTo(49);
        assertThat(s.get("analysis").get("deductions").toString()).contains("texture_spoof");
    }

    @Test
    void aFlatPictureTurnedLikeAHeadIsDeclined() {
        Assumptions.assumeTrue(PlanarityCheck.available(), "OpenCV's homography is not available on this platform");
        ScriptedFaces picture = new ScriptedFaces();
        for (int i = 0; i < 8; i++) picture.flat(0, 0.9);
        for (double y : new double[] {8, 17, 26, 30, 28, 18, 8, 2, 0, 0}) picture.flat(-y, 0.9);
        Capture c = begin(t);
        List<JsonNode> answers = stream(c, picture.jpegs(), t);
        assertThat(last(answers).get("completed").asInt()).isEqualTo(1);
        t.clock.advance(CaptureApi.IDLE_LIMIT.plusSeconds(1)); // the picture cannot blink: it is left to be abandoned
        String status = "in_progress";
        for (int i = 0; i < 60 && !status.equals("declined"); i++) {
            sleep(250); // the sweeper runs every 5 s
            status = session(t, c).get("status").asText();
        }
        JsonNode s = session(t, c);
        assertThat(status).isEqualTo("declined");
        assertThat(s.get("analysis").get("failure").asText()).isEqualTo("abandoned");
        assertThat(s.get("analysis").get("deductions").toString()).contains("planar_landmarks");
    }

    @Test
    void aCaptureContinuesWhereItWasAfterItsServerGoesAway() {
        TestServer first = start(db);
        TestServer second = null;
        try {
            Capture c = begin(first);
            List<byte[]> frames = person(0.9).jpegs();
            int half = 26; // baseline, head_left and the blink done; the smile under way
            List<JsonNode> before = stream(c, frames.subList(0, half), first);
            assertThat(last(before).get("completed").asInt()).isEqualTo(2);
            first.stop(); // every frame it answered is in the database; its memory is gone
            second = first.sibling();

            TestServer.Res resumed = second.post("/v1/client/capture", c.token(), "{}");
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.json().get("completed").asInt()).isEqualTo(2);
            assertThat(resumed.json().get("prompt").asText()).isEqualTo("smile");
            List<JsonNode> after = stream(c, frames.subList(half, frames.size()), second);
            assertThat(last(after).get("state").asText()).isEqualTo("done");
            JsonNode s = session(second, c);
            assertThat(s.get("status").asText()).isEqualTo("approved");
            assertThat(s.get("selfie").get("frames_captured").asInt()).isBetween(8, 12);
        } finally {
            if (second != null) second.close();
            else first.close();
        }
    }

    @Test
    void framesServedAlternatelyByTwoInstancesReachTheSameDecisionAsOne() {
        TestServer other = t.sibling();
        try {
            Capture one = begin(t);
            stream(one, person(0.9).jpegs(), t);
            Capture two = begin(t);
            stream(two, person(0.9).jpegs(), t, other);
            JsonNode a = session(t, one), b = session(other, two);
            assertThat(b.get("status").asText()).isEqualTo("approved");
            assertThat(b.get("selfie").get("liveness_score")).isEqualTo(a.get("selfie").get("liveness_score"));
            // the same measures and credits; only the server's millisecond timings differ between two runs
            assertThat(measures(b)).isEqualTo(measures(a));
            assertThat(b.get("analysis").get("frames").size()).isEqualTo(a.get("analysis").get("frames").size());
        } finally {
            other.stop();
        }
    }

    private static List<String> measures(JsonNode session) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : session.get("analysis").get("challenges")) {
            out.add(c.get("challenge").asText() + " " + c.get("status").asText() + " " + c.get("score").asText() + " "
                    + c.path("peak_yaw_change").asText() + c.path("blink_depth").asText() + c.path("smile_rise").asText());
        }
        JsonNode b = session.get("analysis").get("baseline");
        out.add("baseline " + b.get("yaw") + " " + b.get("eye_openness") + " " + b.get("smile"));
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
