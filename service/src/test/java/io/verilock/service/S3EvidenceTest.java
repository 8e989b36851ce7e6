package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence in S3-compatible object storage (a real S3 server, S3Server): two instances on one database and one
 * bucket each read what the other stored, the bytes are in the bucket and not on disk, and reading them still needs
 * the organisation's API key.
 */
class S3EvidenceTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.verilock.service.TestServer#databases")
    void twoInstancesShareEvidenceThroughTheBucketBehindTheApisChecks(String db) throws Exception {
        try (S3Server s3 = new S3Server("verilock-evidence");
             TestServer a = TestServer.start(db, s3.env());
             TestServer b = TestServer.startSharing(a, s3.env())) {
            JsonNode session = a.createSession(a.demoKey);
            String id = session.get("id").asText(), token = session.get("client_token").asText();
            byte[] front = TestServer.jpeg(4000), back = TestServer.png(3000);
            assertThat(a.postBytes("/v1/client/session/document/front", token, front, "image/jpeg").status()).isEqualTo(201);
            assertThat(b.postBytes("/v1/client/session/document/back", token, back, "image/png").status()).isEqualTo(201);

            TestServer.Res one = b.get("/v1/sessions/" + id + "/evidence/1", b.demoKey);
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.bytes()).isEqualTo(front);
            assertThat(one.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(a.get("/v1/sessions/" + id + "/evidence/2", a.demoKey).bytes()).isEqualTo(back);
            assertThat(a.get("/v1/sessions/" + id + "/evidence", a.demoKey).json().get("data")).hasSize(2);

            // In the bucket, under the prefix, and nowhere on either instance's disk.
            List<String> keys = s3.blobs.list(s3.bucket, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())
                    .stream().map(StorageMetadata::getName).sorted().toList();
            assertThat(keys).hasSize(2).allMatch(k -> k.startsWith("evidence/org_demo/" + id + "/"));
            assertThat(s3.blobs.getBlob(s3.bucket, keys.get(0)).getPayload().openStream().readAllBytes()).isIn(front, back);
            assertThat(Files.exists(a.dataDir.resolve("evidence"))).isFalse();
            assertThat(Files.exists(b.dataDir.resolve("evidence"))).isFalse();

            // Never served without authorisation: no key, another organisation's key, the client token.
            assertThat(b.get("/v1/sessions/" + id + "/evidence/1", null).status()).isEqualTo(401);
            assertThat(b.get("/v1/sessions/" + id + "/evidence/1", b.newOrg(false)).status()).isEqualTo(404);
            assertThat(b.get("/v1/sessions/" + id + "/evidence/1", token).status()).isEqualTo(401);

            // The same bytes in another session, through the other instance: a replay, refused, nothing more in the bucket.
            String otherToken = b.createSession(b.demoKey).get("client_token").asText();
            TestServer.Res again = b.postBytes("/v1/client/session/document/front", otherToken, front, "image/jpeg");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("duplicate_evidence");
            assertThat(s3.blobs.countBlobs(s3.bucket)).isEqualTo(2);
        }
    }

    @Test
    void aBucketThatIsNotThereFailsTheStartWithItsName() throws Exception {
        try (S3Server s3 = new S3Server("verilock-present")) {
            Map<String, String> env = new HashMap<>(s3.env());
            env.put("VERILOCK_S3_BUCKET", "verilock-absent");
            assertThatThrownBy(() -> TestServer.start("h2", env))
                    .hasMessageContaining("VERILOCK_S3_BUCKET").hasMessageContaining("verilock-absent");
            env.put("VERILOCK_S3_BUCKET", "verilock-present");
            env.put("VERILOCK_S3_SECRET_ACCESS_KEY", "wrong-secret-wrong-secret");
            assertThatThrownBy(() -> TestServer.start("h2", env)).hasMessageContaining("VERILOCK_S3_BUCKET");
        }
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> EvidenceSettings.fromEnv(Map.of("VERILOCK_EVIDENCE_STORE", "ftp")))
                .hasMessageContaining("VERILOCK_EVIDENCE_STORE must be local or s3");
        assertThatThrownBy(() -> EvidenceSettings.fromEnv(Map.of("VERILOCK_EVIDENCE_STORE", "s3")))
                .hasMessageContaining("VERILOCK_S3_BUCKET");
        assertThatThrownBy(() -> EvidenceSettings.fromEnv(Map.of("VERILOCK_EVIDENCE_STORE", "s3", "VERILOCK_S3_BUCKET", "b",
                "VERILOCK_S3_ACCESS_KEY_ID", "id"))).hasMessageContaining("VERILOCK_S3_SECRET_ACCESS_KEY");
        assertThatThrownBy(() -> EvidenceSettings.fromEnv(Map.of("VERILOCK_EVIDENCE_STORE", "s3", "VERILOCK_S3_BUCKET", "b",
                "VERILOCK_S3_ENDPOINT", "minio:9000"))).hasMessageContaining("VERILOCK_S3_ENDPOINT");
        EvidenceSettings s = EvidenceSettings.fromEnv(Map.of("VERILOCK_EVIDENCE_STORE", "s3", "VERILOCK_S3_BUCKET", "b",
                "VERILOCK_S3_ACCESS_KEY_ID", "id", "VERILOCK_S3_SECRET_ACCESS_KEY", "very-secret"));
        assertThat(s.toString()).doesNotContain("very-secret");
        assertThat(s.s3Prefix()).isEqualTo("evidence/");
        assertThat(EvidenceSettings.fromEnv(Map.of()).store()).isEqualTo("local");
    }
}
