package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.face.Subjects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 items 3 and 7: a replay is refused by what the picture looks like, whatever its bytes, within the
 * organisation only; a genuine re-capture of the same person in a new session is accepted.
 */
class ReplayTest {
    private static final String PASSIVE = "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"passive\"}}";
    private static final String ACTIVE = "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"active\"}}";
    private static final Path DATA = Path.of(System.getProperty("verilock.data", "../shared/data")).toAbsolutePath().normalize();

    private static String token(TestServer t, String key, String profile) {
        return t.createSession(key, profile).get("client_token").asText();
    }

    private static byte[] encode(Mat m, String ext, int quality) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(ext, m, out, ext.equals(".jpg") ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality) : new MatOfInt());
        return out.toArray();
    }

    /** The JPEG with one more segment (marker FF xx, then its length and payload) right after SOI. */
    private static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A COM segment. */
    private static byte[] withComment(byte[] jpeg, String text) {
        return withSegment(jpeg, 0xFE, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An APP1 EXIF segment: big-endian TIFF, IFD0 with one ASCII Software tag. */
    private static byte[] withExif(byte[] jpeg) {
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x31, 0, 2, 0, 0, 0, 4, 'v', 'l', '1', 0, 0, 0, 0, 0};
        return withSegment(jpeg, 0xE1, exif);
    }

    @ParameterizedTest
    @MethodSource("io.verilock.service.TestServer#databases")
    void everyReplayVariantOfAPassiveSelfieIsRefusedWithinTheOrganisationOnly(String db) throws Exception {
        try (TestServer t = TestServer.start(db)) {
            byte[] original = Subjects.astronautFrameJpeg(640, 480);
            TestServer.Res first = t.postBytes("/v1/client/selfie", token(t, t.demoKey, PASSIVE), original, "image/jpeg");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);

            Mat decoded = Imgcodecs.imdecode(new MatOfByte(original), Imgcodecs.IMREAD_COLOR);
            Mat onePixel = decoded.clone();
            onePixel.put(240, 320, new byte[] {0, (byte) 255, 0});
            Map<String, byte[]> variants = new LinkedHashMap<>();
            variants.put("identical bytes", original);
            variants.put("JPEG comment", withComment(original, "replayed"));
            variants.put("one appended byte", Arrays.copyOf(original, original.length + 1));
            variants.put("EXIF segment", withExif(original));
            variants.put("re-encoded at quality 90", encode(decoded, ".jpg", 90));
            variants.put("one changed pixel", encode(onePixel, ".jpg", 95));
            variants.put("PNG copy", encode(decoded, ".png", 0));
            for (Map.Entry<String, byte[]> v : variants.entrySet()) {
                String token = token(t, t.demoKey, PASSIVE);
                TestServer.Res r = t.postBytes("/v1/client/selfie", token, v.getValue(), v.getKey().startsWith("PNG") ? "image/png" : "image/jpeg");
                assertThat(r.status()).as(v.getKey() + ": " + r).isEqualTo(409);
                assertThat(r.errorCode()).as(v.getKey()).isEqualTo("duplicate_evidence");
                // Refused before any analysis or storage: the session is still open and holds no evidence.
                assertThat(t.get("/v1/client/session", token).json().get("status").asText()).isEqualTo("created");
            }
            // Another organisation sending the very same bytes learns nothing: it is analysed like any photo.
            String other = t.newOrg(true);
            TestServer.Res b = t.postBytes("/v1/client/selfie", token(t, other, PASSIVE), original, "image/jpeg");
            assertThat(b.status()).as(b.toString()).isEqualTo(200);
            // Nor does a document upload of bytes the first organisation stored.
            byte[] doc = TestServer.jpeg(5000);
            String docProfile = "{\"profile\": {\"steps\": [\"document\"]}}";
            assertThat(t.postBytes("/v1/client/session/document/front", token(t, t.demoKey, docProfile), doc, "image/jpeg").status()).isEqualTo(201);
            assertThat(t.postBytes("/v1/client/session/document/front", token(t, other, docProfile), doc, "image/jpeg").status()).isEqualTo(201);
            assertThat(t.postBytes("/v1/client/session/document/front", token(t, t.demoKey, docProfile), doc, "image/jpeg").errorCode())
                    .isEqualTo("duplicate_evidence");
        }
    }

    private static List<byte[]> frames(String clip, int from, int to) throws Exception {
        Path dir = DATA.resolve(clip);
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: face data absent (" + dir + ")");
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = from; i <= to; i++) out.add(Files.readAllBytes(dir.resolve(String.format("frame_%05d.jpg", i))));
        return out;
    }

    /** Streams frames into a new active capture; returns the status of each frame's answer. */
    private static List<Integer> stream(TestServer t, String token, List<byte[]> frames) {
        assertThat(t.post("/v1/client/capture", token, "{}").status()).isEqualTo(200);
        return frames.stream().map(f -> t.postBytes("/v1/client/capture/frames", token, f, "image/jpeg").status()).toList();
    }

    @ParameterizedTest
    @MethodSource("io.verilock.service.TestServer#databases")
    void aFinishedCaptureReplayedIntoANewSessionIsRefusedAndAGenuineReCaptureIsNot(String db) throws Exception {
        List<byte[]> capture = frames("replay-pair-zubair/real_frames", 0, 29);
        // Frames of the same man, same webcam and room, more than two seconds later: a genuine new capture.
        List<byte[]> again = frames("replay-pair-zubair/real_frames", 60, 89);
        try (TestServer t = TestServer.start(db)) {
            String a = token(t, t.demoKey, ACTIVE);
            assertThat(stream(t, a, capture)).as("the first capture").allMatch(s -> s == 200);
            String genuine = token(t, t.demoKey, ACTIVE);
            assertThat(stream(t, genuine, again)).as("a genuine re-capture").allMatch(s -> s == 200);

            // Replayed byte for byte, and re-encoded: refused at the first frame, and the capture is over, declined.
            for (boolean reencode : new boolean[] {false, true}) {
                JsonNode session = t.createSession(t.demoKey, ACTIVE);
                String replay = session.get("client_token").asText();
                List<byte[]> sent = reencode ? capture.stream().map(f -> encode(Imgcodecs.imdecode(new MatOfByte(f), Imgcodecs.IMREAD_COLOR), ".jpg", 90)).toList() : capture;
                List<Integer> statuses = stream(t, replay, sent);
                assertThat(statuses.get(0)).as("first replayed frame").isEqualTo(409);
                assertThat(statuses).as("no replayed frame is accepted").doesNotContain(200);
                TestServer.Res read = t.get("/v1/sessions/" + session.get("id").asText(), t.demoKey);
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                JsonNode detail = read.json();
                assertThat(detail.get("status").asText()).isEqualTo("declined");
                assertThat(detail.path("analysis").path("failure").asText()).isEqualTo(CaptureApi.REPLAYED);
            }
        }
    }
}
