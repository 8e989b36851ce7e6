package io.verilock.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Evidence as files under one folder (VERILOCK_DATA_DIR/evidence): written to a temporary file, then renamed. */
final class LocalEvidenceStorage implements EvidenceStorage {
    private final Path root;

    LocalEvidenceStorage(Path root) { this.root = root; }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "upload", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException ignored) {
            // An orphan file is harmless: nothing in the database points at it.
        }
    }

    @Override
    public String describe() { return "local folder " + root.toAbsolutePath(); }

    /** Keys are built by EvidenceStore from ids it generated; a key leaving the folder is a bug, not an input. */
    private Path file(String key) {
        Path f = root.resolve(key).normalize();
        if (!f.startsWith(root.normalize())) throw new IllegalArgumentException("evidence key outside the evidence folder: " + key);
        return f;
    }
}
