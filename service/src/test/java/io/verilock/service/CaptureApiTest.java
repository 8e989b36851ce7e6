package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The selfie capture protocol: start, frames with live guidance, passive photo, refusals, abandonment. */
class CaptureApiTest extends DatabaseTest {
    private static final String ACTIVE = """
            {"profile": {"steps": ["selfie"], "liveness_mode": "active", "liveness_threshold": 75}}""";
    private static final String PASSIVE = """
            {"profile": {"steps": ["selfie"], "liveness_mode": "passive"}}""";
    private static byte[] subject;
    private static byte[] blank;

    @BeforeAll
    static void frames() throws Exception {
        subject = Subjects.astronautFrameJpeg(640, 480);
        blank = blankJpeg();
    }

    @Test
    void startGivesTheBaselineRequestAndAFaceLessFrameIsExplained() {
        String token = t.createSession(t.demoKey, ACTIVE).get("client_token").asText();
        assertThat(t.postBytes("/v1/client/capture/frames", token, blank, "image/jpeg").errorCode()).isEqualTo("capture_not_started");

        TestServer.Res start = t.post("/v1/client/capture", token, "{}");
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        assertThat(start.json().get("state").asText()).isEqualTo("baseline");
        assertThat(start.json().get("total").asInt()).isEqualTo(4);
        assertThat(start.json().get("finished").asBoolean()).isFalse();
        assertThat(start.json().has("liveness_score")).isFalse();

        TestServer.Res frame = t.postBytes("/v1/client/capture/frames", token, blank, "image/jpeg");
        assertThat(frame.status()).as(frame.toString()).isEqualTo(200);
        assertThat(frame.json().get("reason").asText()).isEqualTo("no_face");
        // Starting again resumes the same capture (a reconnecting SDK), it does not restart it.
        assertThat(t.post("/v1/client/capture", token, "{}").status()).isEqualTo(200);
    }

    @Test
    void badFramesGetClearErrors() {
        String token = t.createSession(t.demoKey, ACTIVE).get("client_token").asText();
        t.post("/v1/client/capture", token, "{}");
        assertThat(t.postBytes("/v1/client/capture/frames", token, new byte[0], "image/jpeg").errorCode()).isEqualTo("empty_body");
        TestServer.Res text = t.postBytes("/v1/client/capture/frames", token, "hello".getBytes(), "image/jpeg");
        assertThat(text.status()).isEqualTo(415);
        TestServer.Res cut = t.postBytes("/v1/client/capture/frames", token, Arrays.copyOf(subject, subject.length / 2), "image/jpeg");
        assertThat(cut.status()).as(cut.toString()).isEqualTo(422);
        assertThat(cut.errorCode()).isEqualTo("truncated");
        assertThat(cut.errorField()).isEqualTo("body");
    }

    @Test
    void modeMustMatchTheProfile() {
        String passive = t.createSession(t.demoKey, PASSIVE).get("client_token").asText();
        assertThat(t.post("/v1/client/capture", passive, "{}").errorCode()).isEqualTo("wrong_liveness_mode");
        String active = t.createSession(t.demoKey, ACTIVE).get("client_token").asText();
        assertThat(t.postBytes("/v1/client/selfie", active, subject, "image/jpeg").errorCode()).isEqualTo("wrong_liveness_mode");
    }

    @Test
    void passiveSelfieIsDecidedAtOnceAndItsPhotoCannotBeReplayedElsewhere() {
        JsonNode s = t.createSession(t.demoKey, PASSIVE);
        String id = s.get("id").asText();
        byte[] photo = Subjects.astronautPng();
        TestServer.Res r = t.postBytes("/v1/client/selfie", s.get("client_token").asText(), photo, "image/png");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("done");
        assertThat(r.json().has("liveness_score")).isFalse();

        JsonNode detail = t.get("/v1/sessions/" + id, t.demoKey).json();
        assertThat(detail.get("status").asText()).isIn("approved", "needs_review", "declined");
        assertThat(detail.get("selfie").get("liveness_mode").asText()).isEqualTo("passive");
        assertThat(detail.get("selfie").get("frames_captured").asInt()).isEqualTo(1);
        assertThat(detail.get("selfie").get("liveness_score").asDouble()).isBetween(0.0, 100.0);
        assertThat(t.get("/v1/sessions/" + id + "/evidence", t.demoKey).json().get("data")).hasSize(1);
        JsonNode frame = detail.get("analysis").get("frames").get(0);
        assertThat(frame.get("evidence_n").asInt()).isEqualTo(1);
        assertThat(frame.get("landmarks")).hasSize(468);
        assertThat(frame.get("landmarks").get(0)).hasSize(2);
        // The token is spent with the decision.
        assertThat(t.postBytes("/v1/client/selfie", s.get("client_token").asText(), subject, "image/jpeg").status()).isEqualTo(401);

        // The same bytes sent as a frame of another session are a replay.
        String other = t.createSession(t.demoKey, ACTIVE).get("client_token").asText();
        t.post("/v1/client/capture", other, "{}");
        assertThat(t.postBytes("/v1/client/capture/frames", other, photo, "image/png").errorCode()).isEqualTo("duplicate_evidence");
    }

    @Test
    void anAbandonedCaptureDeclinesTheSession() throws InterruptedException {
        JsonNode s = t.createSession(t.demoKey, ACTIVE);
        String token = s.get("client_token").asText();
        t.post("/v1/client/capture", token, "{}");
        assertThat(t.postBytes("/v1/client/capture/frames", token, blank, "image/jpeg").status()).isEqualTo(200);
        t.clock.advance(CaptureApi.IDLE_LIMIT.plusSeconds(1));
        String status = "created";
        for (int i = 0; i < 40 && !status.equals("declined"); i++) {
            Thread.sleep(250); // the sweeper runs every 5 s
            status = t.get("/v1/sessions/" + s.get("id").asText(), t.demoKey).json().get("status").asText();
        }
        assertThat(status).isEqualTo("declined");
        JsonNode detail = t.get("/v1/sessions/" + s.get("id").asText(), t.demoKey).json();
        assertThat(detail.get("selfie").get("liveness_passed").asBoolean()).isFalse();
        t.clock.advance(Duration.ZERO);
    }

    private static byte[] blankJpeg() throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(120, 130, 140));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
