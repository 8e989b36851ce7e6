package io.verilock.engine.testdata;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identity-document specimens and labelled face photos in {@code ../shared/data-docs} (MANIFEST.md there). Its
 * location comes from the system property {@code verilock.docs} (set by the build), then the environment variable
 * {@code VERILOCK_DOCS}, then {@code ../shared/data-docs}. Tests that need it skip, saying so, where it is absent.
 */
public final class DocsData {
    private DocsData() {}

    public static Path dir() {
        String configured = System.getProperty("verilock.docs", System.getenv("VERILOCK_DOCS"));
        return Path.of(configured != null ? configured : "../shared/data-docs").toAbsolutePath().normalize();
    }

    public static Path require() {
        Path dir = dir();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: document data not found at " + dir + " (set -Dverilock.docs=DIR or VERILOCK_DOCS)");
        return dir;
    }
}
