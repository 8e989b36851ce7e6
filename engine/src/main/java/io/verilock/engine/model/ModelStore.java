package io.verilock.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where the downloaded model files live and how they get there. Folder: {@code $VERILOCK_MODELS_DIR}, else
 * {@code <cache>/minifasnet} beside the converted face models ({@code $VERILOCK_CACHE} or {@code ~/.cache/verilock}).
 * A file is used only when its sha256 is the pinned one ({@link MiniFasNetModel}); a file that does not match is
 * refused, deleted and obtained again. Sources in order: the folder itself (a folder that already holds the files
 * means no network at all: the air-gapped install), a seed folder holding the same published bytes
 * ({@code $VERILOCK_MODELS_SEED} or the {@code verilock.models.seed} system property; our build and CI machines seed
 * from {@code ../shared/models/minifasnet}), then, only where fetching is asked for, the pinned public address
 * ({@code $VERILOCK_MODELS_URL} overrides its base, e.g. a {@code file:} folder or an internal mirror).
 */
public final class ModelStore {
    /** More than any model file here can be: bounds what a wrong URL can make us download. */
    static final long MAX_DOWNLOAD = 32L << 20;

    private final Path dir;
    private final Path seed;
    private final String base;

    public ModelStore(Path dir, Path seed, String base) {
        this.dir = dir;
        this.seed = seed;
        this.base = base.endsWith("/") ? base : base + "/";
    }

    public static ModelStore fromEnvironment() {
        String d = System.getenv("VERILOCK_MODELS_DIR");
        Path dir = d != null && !d.isBlank() ? Path.of(d) : ModelPackage.defaultCacheDir().resolve("minifasnet");
        String s = System.getenv("VERILOCK_MODELS_SEED");
        if (s == null || s.isBlank()) s = System.getProperty("verilock.models.seed");
        String u = System.getenv("VERILOCK_MODELS_URL");
        return new ModelStore(dir, s == null || s.isBlank() ? null : Path.of(s),
                u == null || u.isBlank() ? MiniFasNetModel.PUBLIC_BASE : u);
    }

    public Path dir() { return dir; }

    /** The verified file in the folder, seeding it when a seed folder holds it; never uses the network. */
    public Optional<Path> local(MiniFasNetModel m) throws IOException {
        Path target = dir.resolve(m.file());
        if (Files.isRegularFile(target)) {
            if (verified(target, m)) return Optional.of(target);
            Files.delete(target); // refused: not the published bytes (truncated download, corruption, another file)
        }
        if (seed != null && Files.isRegularFile(seed.resolve(m.file())) && verified(seed.resolve(m.file()), m)) {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(m.file() + ".part");
            Files.copy(seed.resolve(m.file()), tmp, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(install(tmp, target, m));
        }
        return Optional.empty();
    }

    /** The verified file: local or seeded, else downloaded from {@code <base><file>} and verified. */
    public Path ensure(MiniFasNetModel m) throws IOException {
        Optional<Path> have = local(m);
        if (have.isPresent()) return have.get();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(m.file() + ".part");
        URI uri = URI.create(base + m.file());
        try (InputStream in = open(uri)) {
            try (var out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > MAX_DOWNLOAD) throw new IOException(uri + ": more than " + MAX_DOWNLOAD + " bytes; not the model file");
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot fetch " + uri + ": " + e.getMessage(), e);
        }
        if (!verified(tmp, m)) {
            String got = sha256(tmp);
            Files.delete(tmp);
            throw new IOException(uri + " has sha256 " + got + ", not the pinned " + m.sha256() + "; refused");
        }
        return install(tmp, target(m), m);
    }

    /**
     * What a service or command does at start: the models not yet here are fetched (when {@code fetch}), and what is
     * still missing is returned with one line saying which file and how to provide it (null when nothing is missing).
     */
    public String prepare(boolean fetch) {
        List<String> missing = missing();
        if (missing.isEmpty()) return null;
        String why = "";
        if (fetch) {
            try {
                ensureAll();
                return null;
            } catch (IOException e) {
                why = " (fetch failed: " + e.getMessage() + ")";
            }
        }
        return missingMessage(missing()) + why;
    }

    /** Whether the environment allows fetching missing models ({@code VERILOCK_MODELS_FETCH=false} forbids it). */
    public static boolean fetchAllowed() {
        return !"false".equalsIgnoreCase(System.getenv("VERILOCK_MODELS_FETCH"));
    }

    /** Every model, fetched where missing (into {@link #dir()}; a store on another folder prepares an air-gapped copy). */
    public List<Path> ensureAll() throws IOException {
        List<Path> out = new ArrayList<>();
        for (MiniFasNetModel m : MiniFasNetModel.values()) out.add(ensure(m));
        return out;
    }

    /** The models not available without the network, by file name (empty when all are here). */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        for (MiniFasNetModel m : MiniFasNetModel.values()) {
            try {
                if (local(m).isEmpty()) out.add(m.file());
            } catch (IOException e) {
                out.add(m.file());
            }
        }
        return out;
    }

    /** One line saying what is missing and how to provide it. */
    public String missingMessage(List<String> missing) {
        return "anti-spoofing model missing: " + String.join(", ", missing) + " not in " + dir
                + "; run `./verilock models fetch` (or `./verilock models fetch --to DIR` on a machine with internet access"
                + " and point VERILOCK_MODELS_DIR at a copy of DIR), or put " + MiniFasNetModel.PUBLIC_BASE + "<file> into "
                + dir + ". Until then passive liveness sends every session to review and /health reports degraded.";
    }

    private Path target(MiniFasNetModel m) {
        return dir.resolve(m.file());
    }

    private static Path install(Path tmp, Path target, MiniFasNetModel m) throws IOException {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static InputStream open(URI uri) throws IOException {
        if ("file".equals(uri.getScheme())) return Files.newInputStream(Path.of(uri));
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException("HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static boolean verified(Path file, MiniFasNetModel m) throws IOException {
        return Files.size(file) == m.bytes() && sha256(file).equals(m.sha256());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
