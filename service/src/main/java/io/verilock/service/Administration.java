package io.verilock.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the admin CLI does to the configured database (`./verilock admin ...`): organisations, their secret API keys
 * and allowed browser origins. Every change is written to {@code admin_audit} with who made it, in the transaction
 * of the change. Keys are stored as today (SHA-256 and the shown prefix); a new key is returned once, never stored.
 * Failures a caller can fix are {@link IllegalArgumentException}s whose message says what to do.
 */
public final class Administration implements AutoCloseable {

    public record Organisation(String id, String name, boolean sandbox, Instant createdAt, int activeKeys) {}
    public record Key(String id, String organisationId, String prefix, boolean sandbox, Instant createdAt, Instant revokedAt) {
        public boolean activeAt(Instant now) { return revokedAt == null || revokedAt.isAfter(now); }
    }
    /** A key minted now: the secret (shown once) and its stored record. */
    public record NewKey(String secret, Key key) {}
    public record AuditEntry(long id, Instant at, String actor, String action, String organisationId, String target, String detail) {}

    private final Database db;
    private final boolean ownsDatabase;
    private final Organisations organisations;
    private final Clock clock;
    private final String actor;

    /** Opens (and migrates) the database the configuration names; {@link #close()} closes it. */
    public static Administration open(Config config, String actor) {
        Database db = new Database(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbSchema());
        return new Administration(db, true, config.clock(), actor);
    }

    Administration(Database db, boolean ownsDatabase, Clock clock, String actor) {
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("the audit log needs an actor");
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.clock = clock;
        this.organisations = new Organisations(db, clock);
        this.actor = actor.length() > 200 ? actor.substring(0, 200) : actor;
    }

    public Organisation createOrganisation(String name, boolean sandbox) {
        if (name == null || name.isBlank() || name.length() > 200) throw new IllegalArgumentException("an organisation name is 1-200 characters");
        String id = "org_" + UUID.randomUUID();
        Instant now = clock.instant();
        db.tx(c -> {
            Database.update(c, "INSERT INTO organisations (id, name, sandbox, created_at) VALUES (?, ?, ?, ?)", id, name.trim(), sandbox, now);
            audit(c, "org.create", id, name.trim(), sandbox ? "sandbox" : null);
            return null;
        });
        return organisation(id);
    }

    public List<Organisation> organisations() {
        return db.query("SELECT o.id, o.name, o.sandbox, o.created_at, (SELECT COUNT(*) FROM api_keys k WHERE k.organisation_id = o.id "
                        + "AND (k.revoked_at IS NULL OR k.revoked_at > ?)) AS active FROM organisations o ORDER BY o.created_at, o.id",
                rs -> new Organisation(rs.getString("id"), rs.getString("name"), rs.getBoolean("sandbox"), Database.instant(rs, "created_at"),
                        rs.getInt("active")), clock.instant());
    }

    /** An organisation by id, or by its name when exactly one organisation has that name. */
    public Organisation organisation(String idOrName) {
        List<Organisation> all = organisations();
        List<Organisation> byId = all.stream().filter(o -> o.id().equals(idOrName)).toList();
        if (!byId.isEmpty()) return byId.get(0);
        List<Organisation> byName = all.stream().filter(o -> o.name().equals(idOrName)).toList();
        if (byName.size() == 1) return byName.get(0);
        if (byName.isEmpty()) throw new IllegalArgumentException("no organisation '" + idOrName + "' (see `admin org list`)");
        throw new IllegalArgumentException(byName.size() + " organisations are named '" + idOrName + "': give its id (see `admin org list`)");
    }

    /** Mints a key: vl_test_ for a sandbox organisation or when {@code sandbox} asks for one, vl_live_ otherwise. */
    public NewKey createKey(String organisation, boolean sandbox) {
        Organisation org = organisation(organisation);
        return db.tx(c -> mint(c, org, sandbox || org.sandbox(), "key.create", null));
    }

    /** Keys of an organisation, newest first: ids and shown prefixes only (the secrets are not stored). */
    public List<Key> keys(String organisation) {
        return db.query("SELECT * FROM api_keys WHERE organisation_id = ? ORDER BY created_at DESC, id", Administration::key,
                organisation(organisation).id());
    }

    /** Revokes one key, named by its id or its shown prefix (which must then name one key). */
    public Key revokeKey(String idOrPrefix) {
        Key k = findKey(idOrPrefix);
        Instant now = clock.instant();
        if (!k.activeAt(now)) throw new IllegalArgumentException("key " + k.prefix() + " (" + k.id() + ") is already revoked");
        db.tx(c -> {
            Database.update(c, "UPDATE api_keys SET revoked_at = ? WHERE id = ?", now, k.id());
            audit(c, "key.revoke", k.organisationId(), k.id(), k.prefix());
            return null;
        });
        return findKey(k.id());
    }

    /**
     * Replaces a key with a new one of the same organisation and kind. The old key stays valid for {@code overlap}
     * (0: revoked at once), so a deployment can switch to the new key before the old one stops working.
     */
    public NewKey rotateKey(String idOrPrefix, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(30)) > 0) throw new IllegalArgumentException("the overlap is 0 to 30 days");
        Key old = findKey(idOrPrefix);
        Instant now = clock.instant();
        if (!old.activeAt(now)) throw new IllegalArgumentException("key " + old.prefix() + " (" + old.id() + ") is revoked; create a new one with `admin key create`");
        Organisation org = organisation(old.organisationId());
        Instant until = now.plus(overlap);
        return db.tx(c -> {
            // Only an earlier end is taken: a rotation never extends a key already due to end.
            Database.update(c, "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND (revoked_at IS NULL OR revoked_at > ?)", until, old.id(), until);
            return mint(c, org, old.sandbox(), "key.rotate", "replaces " + old.prefix() + " (" + old.id() + "), valid until " + until);
        });
    }

    public List<String> origins(String organisation) { return organisations.allowedOrigins(organisation(organisation).id()); }

    /** Allows origins (each normalised; see Origins); returns the organisation's list afterwards. */
    public List<String> addOrigins(String organisation, List<String> origins) {
        String id = organisation(organisation).id();
        for (String o : origins) {
            String added = organisations.allowOrigin(id, o);
            db.tx(c -> audit(c, "origin.add", id, added, null));
        }
        return organisations.allowedOrigins(id);
    }

    public List<String> removeOrigins(String organisation, List<String> origins) {
        String id = organisation(organisation).id();
        for (String o : origins) {
            if (!organisations.removeOrigin(id, o)) throw new IllegalArgumentException("'" + o + "' is not an allowed origin of " + id);
            db.tx(c -> audit(c, "origin.remove", id, Origins.normalise(o), null));
        }
        return organisations.allowedOrigins(id);
    }

    /** The audit log, oldest first; the last {@code limit} entries. */
    public List<AuditEntry> audit(int limit) {
        List<AuditEntry> newest = db.query("SELECT * FROM admin_audit ORDER BY id DESC", rs -> new AuditEntry(rs.getLong("id"),
                Database.instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("organisation_id"),
                rs.getString("target"), rs.getString("detail")));
        List<AuditEntry> last = new java.util.ArrayList<>(newest.subList(0, Math.min(limit, newest.size())));
        java.util.Collections.reverse(last);
        return last;
    }

    private NewKey mint(Connection c, Organisation org, boolean sandbox, String action, String detail) throws SQLException {
        String secret = Secrets.token(sandbox ? Organisations.TEST_PREFIX : Organisations.LIVE_PREFIX);
        String id = organisations.insertKey(c, org.id(), secret);
        audit(c, action, org.id(), id, Organisations.shownPrefix(secret) + (detail == null ? "" : "; " + detail));
        return new NewKey(secret, Database.first(c, "SELECT * FROM api_keys WHERE id = ?", Administration::key, id).orElseThrow());
    }

    private Key findKey(String idOrPrefix) {
        List<Key> found = db.query("SELECT * FROM api_keys WHERE id = ? OR prefix = ?", Administration::key, idOrPrefix, idOrPrefix);
        if (found.isEmpty()) throw new IllegalArgumentException("no key '" + idOrPrefix + "' (give a key id or prefix from `admin key list ORG`)");
        if (found.size() > 1) throw new IllegalArgumentException(found.size() + " keys have the prefix '" + idOrPrefix + "': give the key id");
        return found.get(0);
    }

    private Void audit(Connection c, String action, String organisationId, String target, String detail) throws SQLException {
        Database.update(c, "INSERT INTO admin_audit (at, actor, action, organisation_id, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                clock.instant(), actor, action, organisationId, target, detail);
        return null;
    }

    private static Key key(java.sql.ResultSet rs) throws SQLException {
        return new Key(rs.getString("id"), rs.getString("organisation_id"), rs.getString("prefix"), rs.getBoolean("sandbox"),
                Database.instant(rs, "created_at"), Database.instant(rs, "revoked_at"));
    }

    @Override
    public void close() {
        if (ownsDatabase) db.close();
    }
}
