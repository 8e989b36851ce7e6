package io.verilock.service;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph, ...), under {@code VERILOCK_S3_PREFIX}: every instance
 * behind a load balancer reads what any of them stored. Objects are private (no ACL is set, none is needed: they are
 * read through the API only, never by URL). A PUT that returned is durable in the store; the bucket is checked at start
 * so a wrong name, endpoint or credential fails the start, not the first capture.
 */
final class S3EvidenceStorage implements EvidenceStorage {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String description;

    S3EvidenceStorage(EvidenceSettings settings) {
        AwsCredentialsProvider credentials = settings.s3AccessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.s3AccessKeyId(), settings.s3SecretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(settings.s3Region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                .forcePathStyle(settings.s3PathStyle());
        if (settings.s3Endpoint() != null) {
            builder.endpointOverride(URI.create(settings.s3Endpoint()))
                    // Checksums only where S3 requires them: the SDK's default trailing checksums (aws-chunked uploads)
                    // are not understood by every S3-compatible server.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = builder.build();
        this.bucket = settings.s3Bucket();
        this.prefix = settings.s3Prefix();
        this.description = "S3 bucket " + bucket + (settings.s3Endpoint() != null ? " at " + settings.s3Endpoint() : "") + ", prefix " + prefix;
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            s3.close();
            throw new IllegalArgumentException("VERILOCK_S3_BUCKET: bucket '" + bucket + "' is not reachable ("
                    + (settings.s3Endpoint() != null ? "VERILOCK_S3_ENDPOINT " + settings.s3Endpoint() + ", " : "")
                    + "region " + settings.s3Region() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("evidence upload to " + description + " failed: " + e.getMessage(), e));
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new UncheckedIOException(new IOException("evidence object " + prefix + key + " is missing from " + description, e));
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("evidence read from " + description + " failed: " + e.getMessage(), e));
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException ignored) {
            // An orphan object is harmless: nothing in the database points at it.
        }
    }

    @Override
    public String describe() { return description; }

    @Override
    public void close() { s3.close(); }
}
