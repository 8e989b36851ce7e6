package io.verilock.engine.model;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPackageTest {

    @TempDir
    Path tmp;

    /** A small stand-in for the npm tarball. */
    private Path tarball(String name) throws IOException {
        Path tgz = tmp.resolve(name);
        Map<String, String> files = Map.of("package/models/a.json", "{\"a\":1}", "package/models/a.bin", "AAAA",
                "package/models/b.json", "{\"b\":2}", "package/models/b.bin", "BBBB", "package/README.md", "readme");
        try (OutputStream os = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(os))) {
            for (var e : files.entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(b.length);
                tar.putArchiveEntry(te);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }

    private ModelPackage pkg(Path cache, String integrity, ModelPackage.Fetcher fetcher) {
        return new ModelPackage("@test/models", "1.0.0", integrity, cache, fetcher);
    }

    @Test
    void fetchesOnceThenUsesTheCache() throws IOException {
        Path good = tarball("good.tgz");
        String integrity = ModelPackage.integrityOf(good);
        AtomicInteger fetches = new AtomicInteger();
        ModelPackage.Fetcher fetcher = (spec, dest) -> {
            assertThat(spec).isEqualTo("@test/models@1.0.0");
            fetches.incrementAndGet();
            Files.copy(good, dest.resolve("test-models-1.0.0.tgz"));
        };
        Path cache = tmp.resolve("cache");
        Path dir = pkg(cache, integrity, fetcher).extract(List.of("a"));
        assertThat(fetches).hasValue(1);
        assertThat(dir.resolve("a.json")).hasContent("{\"a\":1}");
        assertThat(dir.resolve("a.bin")).hasContent("AAAA");
        assertThat(dir.resolve("b.json")).doesNotExist(); // only what was asked for

        // A second build: the tarball is cached, so nothing is fetched, also for a model not yet unpacked.
        pkg(cache, integrity, fetcher).extract(List.of("a", "b"));
        assertThat(fetches).hasValue(1);
        assertThat(dir.resolve("b.bin")).hasContent("BBBB");
        assertThat(cache).isDirectoryNotContaining("glob:**/fetch-*");
    }

    @Test
    void rejectsATarballThatDoesNotMatchThePinnedIntegrity() throws IOException {
        Path good = tarball("good.tgz");
        String integrity = ModelPackage.integrityOf(good);
        byte[] corrupt = Files.readAllBytes(good);
        corrupt[corrupt.length / 2] ^= 0x5a;
        ModelPackage.Fetcher corrupting = (spec, dest) -> Files.write(dest.resolve("test-models-1.0.0.tgz"), corrupt);
        Path cache = tmp.resolve("cache");

        assertThatThrownBy(() -> pkg(cache, integrity, corrupting).extract(List.of("a")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("integrity check failed for @test/models@1.0.0")
                .hasMessageContaining("expected " + integrity)
                .hasMessageContaining("refusing to use it");
        assertThat(cache.resolve("test-models-1.0.0.tgz")).doesNotExist();
        assertThat(cache.resolve("test-models-1.0.0/models/a.json")).doesNotExist();
    }

    @Test
    void replacesACorruptedCachedTarball() throws IOException {
        Path good = tarball("good.tgz");
        String integrity = ModelPackage.integrityOf(good);
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Files.writeString(cache.resolve("test-models-1.0.0.tgz"), "truncated download");
        AtomicInteger fetches = new AtomicInteger();
        ModelPackage p = pkg(cache, integrity, (spec, dest) -> {
            fetches.incrementAndGet();
            Files.copy(good, dest.resolve("test-models-1.0.0.tgz"));
        });
        assertThat(p.ensureTarball()).hasSameBinaryContentAs(good);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void integrityIsNpmsSha512Format() throws IOException {
        Path f = Files.writeString(tmp.resolve("x"), "abc");
        assertThat(ModelPackage.integrityOf(f)).isEqualTo(
                "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==");
    }

    @Test
    void outputIsUpToDateOnlyWhenNewerThanEveryInputAndTheConverter() throws IOException {
        Path in1 = Files.writeString(tmp.resolve("m.json"), "{}"), in2 = Files.writeString(tmp.resolve("m.bin"), "");
        Path out = tmp.resolve("m.onnx");
        FileTime t0 = FileTime.fromMillis(1_000_000_000_000L);
        assertThat(ModelConverter.isUpToDate(out, List.of(in1, in2), null)).isFalse(); // no output yet
        Files.writeString(out, "onnx");
        Files.setLastModifiedTime(in1, t0);
        Files.setLastModifiedTime(in2, t0);
        Files.setLastModifiedTime(out, FileTime.fromMillis(t0.toMillis() + 1000));
        assertThat(ModelConverter.isUpToDate(out, List.of(in1, in2), t0)).isTrue();
        assertThat(ModelConverter.isUpToDate(out, List.of(in1, in2), FileTime.fromMillis(t0.toMillis() + 2000)))
                .as("converter changed").isFalse();
        Files.setLastModifiedTime(in2, FileTime.fromMillis(t0.toMillis() + 2000));
        assertThat(ModelConverter.isUpToDate(out, List.of(in1, in2), t0)).as("input changed").isFalse();
        assertThat(ModelConverter.isUpToDate(out, List.of(in1, tmp.resolve("gone")), t0)).as("input gone").isFalse();
    }

    /** The real package, as the build left it in the cache: converting again downloads and converts nothing. */
    @Test
    void secondConversionIsSkippedWithoutNetwork() throws IOException {
        ModelPackage real = ModelPackage.humanModels();
        ModelPackage offline = new ModelPackage(ModelPackage.HUMAN_MODELS, ModelPackage.HUMAN_MODELS_VERSION,
                ModelPackage.HUMAN_MODELS_INTEGRITY, ModelPackage.defaultCacheDir(), (spec, dest) -> {
                    throw new AssertionError("fetched " + spec + " although the build cached it");
                });
        assertThat(real.modelsDir().resolve("liveness.json")).as("unpacked by the build").exists();
        Path out = tmp.resolve("models");
        assertThat(ModelConverter.convertAll(offline, out, List.of(FaceModel.LIVENESS))).containsExactly(FaceModel.LIVENESS);
        assertThat(out.resolve("liveness.onnx")).isNotEmptyFile();
        assertThat(ModelConverter.convertAll(offline, out, List.of(FaceModel.LIVENESS))).isEmpty();
    }

    @Test
    void halfFloatsDecode() {
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0x3c00))).isEqualTo(1f);
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0xc000))).isEqualTo(-2f);
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0x0001))).isEqualTo(0x1p-24f);
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0x03ff))).isEqualTo(1023 * 0x1p-24f);
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0x7c00))).isInfinite();
        assertThat(Float.intBitsToFloat(WeightDecoder.halfToFloatBits((short) 0x3555))).isCloseTo(0.33325f,
                org.assertj.core.data.Offset.offset(1e-5f));
    }
}
