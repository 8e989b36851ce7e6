package io.verilock.service;

import java.nio.file.Path;

/**
 * Where evidence bytes live, by key ({@code <organisation>/<session>/<n>.jpg}); what each object is, its hash and who
 * may read it stay in the database ({@link EvidenceStore}), so nothing here is ever served without the API's checks.
 * Two implementations: {@link LocalEvidenceStorage} (the data folder, the default) and {@link S3EvidenceStorage}
 * (S3-compatible object storage, shared by several instances).
 */
public interface EvidenceStorage extends AutoCloseable {

    /** Stores the bytes under the key, durably when this returns (the metadata row is written only after it). */
    void put(String key, byte[] bytes, String contentType);

    /** The bytes stored under the key; an {@link java.io.UncheckedIOException} when they cannot be read. */
    byte[] get(String key);

    /** Removes the object if it is there (an orphan whose metadata row was never written). */
    void delete(String key);

    /** For the start-up log: where evidence goes, without secrets. */
    String describe();

    @Override
    default void close() {}

    static EvidenceStorage open(EvidenceSettings settings, Path dataDir) {
        return settings.store().equals(EvidenceSettings.S3) ? new S3EvidenceStorage(settings)
                : new LocalEvidenceStorage(dataDir.resolve("evidence"));
    }
}
