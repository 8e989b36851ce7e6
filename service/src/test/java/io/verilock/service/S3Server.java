package io.verilock.service;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A real S3 server for tests: S3Proxy in this JVM on a random loopback port, over jclouds' in-memory blob store,
 * checking AWS signatures with its own key pair. {@link #env()} points a Verilock server at one bucket of it.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "verilock-test-access";
    static final String SECRET_KEY = "verilock-test-secret-0123456789";

    final BlobStore blobs;
    final String bucket;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    S3Server(String bucket) throws Exception {
        this.bucket = bucket;
        context = ContextBuilder.newBuilder("transient").credentials("unused", "unused").build(BlobStoreContext.class);
        blobs = context.getBlobStore();
        blobs.createContainerInLocation(null, bucket);
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) Thread.sleep(10);
        if (!"STARTED".equals(proxy.getState())) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
    }

    String endpoint() { return "http://127.0.0.1:" + proxy.getPort(); }

    /** The VERILOCK_* settings of a server keeping its evidence in this bucket. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("VERILOCK_EVIDENCE_STORE", "s3");
        env.put("VERILOCK_S3_ENDPOINT", endpoint());
        env.put("VERILOCK_S3_BUCKET", bucket);
        env.put("VERILOCK_S3_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("VERILOCK_S3_SECRET_ACCESS_KEY", SECRET_KEY);
        return env;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
