package io.verilock.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored workflows: named profiles that sessions inherit. Every read is scoped to an organisation. */
public final class Workflows {

    public record Workflow(String id, String name, Profile profile, Instant createdAt, Instant updatedAt) {}

    private final Database db;
    private final Clock clock;

    public Workflows(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Workflow create(String organisationId, String name, Profile profile) {
        Instant now = Times.now(clock);
        Workflow w = new Workflow("wf_" + UUID.randomUUID(), name, profile, now, now);
        db.update("INSERT INTO workflows (id, organisation_id, name, profile_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                w.id(), organisationId, name, Json.write(profile), now, now);
        return w;
    }

    public Optional<Workflow> find(String organisationId, String id) {
        return db.first("SELECT * FROM workflows WHERE organisation_id = ? AND id = ?", Workflows::row, organisationId, id);
    }

    public List<Workflow> list(String organisationId) {
        return db.query("SELECT * FROM workflows WHERE organisation_id = ? ORDER BY created_at, id", Workflows::row, organisationId);
    }

    public Workflow update(String organisationId, Workflow w) {
        Instant now = Times.now(clock);
        db.update("UPDATE workflows SET name = ?, profile_json = ?, updated_at = ? WHERE organisation_id = ? AND id = ?",
                w.name(), Json.write(w.profile()), now, organisationId, w.id());
        return new Workflow(w.id(), w.name(), w.profile(), w.createdAt(), now);
    }

    private static Workflow row(ResultSet rs) throws SQLException {
        return new Workflow(rs.getString("id"), rs.getString("name"), Json.read(rs.getString("profile_json"), Profile.class),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }
}
