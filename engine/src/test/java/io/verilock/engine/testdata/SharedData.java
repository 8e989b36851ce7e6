package io.verilock.engine.testdata;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real face media in {@code ../shared/data} (MANIFEST.md there). Its location comes from the system property
 * {@code verilock.data} (set by the build), then the environment variable {@code VERILOCK_DATA}, then
 * {@code ../shared/data}. Tests that need it skip, saying so, where it is absent; it is never copied into the project.
 */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String configured = System.getProperty("verilock.data", System.getenv("VERILOCK_DATA"));
        return Path.of(configured != null ? configured : "../shared/data").toAbsolutePath().normalize();
    }

    /** The data folder, or a skipped test with a message naming where it was looked for. */
    public static Path require() {
        Path dir = dir();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: real face data not found at " + dir + " (set -Dverilock.data=DIR or VERILOCK_DATA)");
        return dir;
    }

    public static Path file(String relative) {
        return require().resolve(relative);
    }

    /** A clip's frames in name order. */
    public static List<Path> frames(String clipDir) {
        try (Stream<Path> s = Files.list(require().resolve(clipDir))) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
