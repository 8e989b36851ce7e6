package io.verilock.engine.model;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Obtaining the model files: sha256-verified from the folder, a seed folder or a download source (a loopback HTTP
 * server and a {@code file:} folder here, standing in for the public address our machines cannot reach).
 */
class ModelStoreTest {
    @TempDir Path tmp;

    /** A folder holding the published files: the seed (../shared/models/minifasnet), or the test is skipped. */
    private static Path published() throws IOException {
        return MiniFasNetGoldenTest.weights(MiniFasNetModel.V2).getParent();
    }

    @Test
    void aFolderThatHoldsTheFilesNeedsNoNetwork() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models"));
        for (MiniFasNetModel m : MiniFasNetModel.values()) Files.copy(published().resolve(m.file()), dir.resolve(m.file()));
        // no seed, and a source that would fail if it were used
        ModelStore store = new ModelStore(dir, null, "http://127.0.0.1:9/unreachable/");
        assertThat(store.missing()).isEmpty();
        assertThat(store.prepare(true)).isNull();
        assertThat(store.ensureAll()).allMatch(Files::isRegularFile);
    }

    @Test
    void corruptedFileIsRefusedBySha256AndFetchedAgainOverHttp() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        MiniFasNetModel m = MiniFasNetModel.V2;
        byte[] good = Files.readAllBytes(published().resolve(m.file()));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1; // one flipped bit, same size
        Files.write(dir.resolve(m.file()), bad);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/", ex -> {
            requests.incrementAndGet();
            byte[] body = ex.getRequestURI().getPath().endsWith(m.file()) ? good : new byte[0];
            ex.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            ModelStore store = new ModelStore(dir, null, "http://127.0.0.1:" + server.getAddress().getPort() + "/models/");
            assertThat(store.local(m)).isEmpty(); // refused: the corrupted file is deleted, not used
            assertThat(dir.resolve(m.file())).doesNotExist();
            Path got = store.ensure(m);
            assertThat(requests.get()).isEqualTo(1);
            assertThat(ModelStore.sha256(got)).isEqualTo(m.sha256());
            assertThat(store.ensure(m)).isEqualTo(got); // cached: no second request
            assertThat(requests.get()).isEqualTo(1);
            // the other file is not served: the store says which file is missing and how to provide it
            String message = store.prepare(true);
            assertThat(message).contains(MiniFasNetModel.V1SE.file()).contains("verilock models fetch")
                    .contains("VERILOCK_MODELS_DIR").contains("fetch failed").doesNotContain(m.file() + ",");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSourceServingOtherBytesIsRefused(@TempDir Path source) throws IOException {
        MiniFasNetModel m = MiniFasNetModel.V1SE;
        Files.write(source.resolve(m.file()), "not the model".getBytes());
        ModelStore store = new ModelStore(tmp.resolve("cache"), null, source.toUri().toString());
        assertThatThrownBy(() -> store.ensure(m)).isInstanceOf(IOException.class).hasMessageContaining("sha256")
                .hasMessageContaining("refused");
        assertThat(tmp.resolve("cache").resolve(m.file())).doesNotExist();
        assertThat(tmp.resolve("cache").resolve(m.file() + ".part")).doesNotExist();
    }

    @Test
    void seedFolderFillsTheCacheAfterTheSameCheck(@TempDir Path badSeed) throws IOException {
        ModelStore seeded = new ModelStore(tmp.resolve("a"), published(), "http://127.0.0.1:9/");
        for (MiniFasNetModel m : MiniFasNetModel.values()) {
            assertThat(seeded.local(m)).hasValue(tmp.resolve("a").resolve(m.file()));
        }
        Files.write(badSeed.resolve(MiniFasNetModel.V2.file()), new byte[(int) MiniFasNetModel.V2.bytes()]);
        ModelStore wrong = new ModelStore(tmp.resolve("b"), badSeed, "http://127.0.0.1:9/");
        assertThat(wrong.local(MiniFasNetModel.V2)).isEmpty();
        assertThat(wrong.missing()).containsExactly(MiniFasNetModel.V2.file(), MiniFasNetModel.V1SE.file());
        assertThat(wrong.prepare(false)).startsWith("anti-spoofing model missing: " + MiniFasNetModel.V2.file())
                .doesNotContain("fetch failed");
    }
}
