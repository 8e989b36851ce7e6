package io.verilock.service;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where evidence images are kept (service/README.md, "Evidence storage"): {@code local}, files under the data
 * folder (the default), or {@code s3}, an S3-compatible object store (AWS S3, MinIO, Ceph, ...), which several
 * instances can share. Credentials: the access key pair when both are given, else the AWS SDK's default chain
 * (environment, profile, instance or container role).
 */
public record EvidenceSettings(String store, String s3Bucket, String s3Prefix, String s3Endpoint, String s3Region,
                               boolean s3PathStyle, String s3AccessKeyId, String s3SecretAccessKey) {
    public static final String LOCAL = "local";
    public static final String S3 = "s3";

    public static EvidenceSettings fromEnv(Map<String, String> env) {
        String store = Objects.requireNonNullElse(Config.env(env, "VERILOCK_EVIDENCE_STORE"), LOCAL).toLowerCase(Locale.ROOT);
        if (!store.equals(LOCAL) && !store.equals(S3)) {
            throw new IllegalArgumentException("VERILOCK_EVIDENCE_STORE must be local or s3, got '" + store + "'");
        }
        String bucket = Config.env(env, "VERILOCK_S3_BUCKET");
        if (store.equals(S3) && bucket == null) throw new IllegalArgumentException("VERILOCK_EVIDENCE_STORE=s3 needs VERILOCK_S3_BUCKET");
        String prefix = Objects.requireNonNullElse(Config.env(env, "VERILOCK_S3_PREFIX"), "evidence/");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
        String endpoint = Config.env(env, "VERILOCK_S3_ENDPOINT");
        if (endpoint != null && !endpoint.startsWith("https://") && !endpoint.startsWith("http://")) {
            throw new IllegalArgumentException("VERILOCK_S3_ENDPOINT must be an http(s) URL, got '" + endpoint + "'");
        }
        String keyId = Config.env(env, "VERILOCK_S3_ACCESS_KEY_ID");
        String secret = Config.env(env, "VERILOCK_S3_SECRET_ACCESS_KEY");
        if ((keyId == null) != (secret == null)) {
            throw new IllegalArgumentException("VERILOCK_S3_ACCESS_KEY_ID and VERILOCK_S3_SECRET_ACCESS_KEY go together (or neither: the AWS default credentials)");
        }
        return new EvidenceSettings(store, bucket, prefix, endpoint,
                Objects.requireNonNullElse(Config.env(env, "VERILOCK_S3_REGION"), "us-east-1"),
                // Path-style addressing by default with a custom endpoint: what MinIO, Ceph and s3proxy expect.
                Objects.requireNonNullElse(Config.envBool(env, "VERILOCK_S3_PATH_STYLE"), endpoint != null),
                keyId, secret);
    }

    /** The secret stays out of logs. */
    @Override
    public String toString() {
        return store.equals(LOCAL) ? "local" : "s3[bucket=" + s3Bucket + ", prefix=" + s3Prefix + ", endpoint=" + s3Endpoint
                + ", region=" + s3Region + ", pathStyle=" + s3PathStyle + ", credentials=" + (s3AccessKeyId == null ? "default chain" : "key " + s3AccessKeyId) + "]";
    }
}
