package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passive photo the anti-spoofing model cannot judge (here: no face at all) asks for another photo instead of a
 * verdict, at most {@link CaptureApi#MAX_PASSIVE_PHOTOS} photos in all; the last one is decided, and every photo is
 * kept as evidence.
 */
class PassiveRetakeTest {
    private TestServer t;

    @BeforeEach
    void start() {
        t = TestServer.start("h2");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static byte[] emptyRoom(int grey) throws IOException {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(40 + grey / 4, 60, 80, 120); // a cupboard, so that no two photos are the same bytes
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void unjudgeablePhotosAskForARetakeThenTheLastIsDecided() throws IOException {
        JsonNode s = t.createSession(t.demoKey, """
                {"profile": {"steps": ["selfie"], "liveness_mode": "passive"}}""");
        String token = s.get("client_token").asText(), id = s.get("id").asText();
        for (int k = 1; k < CaptureApi.MAX_PASSIVE_PHOTOS; k++) {
            TestServer.Res r = t.postBytes("/v1/client/selfie", token, emptyRoom(100 + 20 * k), "image/jpeg");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("state").asText()).isEqualTo("retake");
            assertThat(r.json().get("finished").asBoolean()).isFalse();
            assertThat(r.json().get("reason").asText()).isEqualTo("no_face");
            assertThat(r.json().get("attempts_left").asInt()).isEqualTo(CaptureApi.MAX_PASSIVE_PHOTOS - k);
            assertThat(t.get("/v1/sessions/" + id, t.demoKey).json().get("status").asText()).isIn("created", "in_progress");
        }
        TestServer.Res last = t.postBytes("/v1/client/selfie", token, emptyRoom(220), "image/jpeg");
        assertThat(last.json().get("state").asText()).isEqualTo("done");
        JsonNode detail = t.get("/v1/sessions/" + id, t.demoKey).json();
        assertThat(detail.get("status").asText()).isEqualTo("declined"); // no face in any photo: score 0
        assertThat(detail.get("analysis").get("quality").get("retake").asBoolean()).isTrue();
        assertThat(t.get("/v1/sessions/" + id + "/evidence", t.demoKey).json().get("data")).hasSize(CaptureApi.MAX_PASSIVE_PHOTOS);
        assertThat(t.postBytes("/v1/client/selfie", token, emptyRoom(90), "image/jpeg").status()).isEqualTo(401);
    }
}
