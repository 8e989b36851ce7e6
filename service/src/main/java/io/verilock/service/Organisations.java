package io.verilock.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organisations and their secret API keys (stored as SHA-256 plus a recognisable prefix). */
public final class Organisations {

    /** Who is calling: the organisation behind a key, whether that key is a sandbox ("vl_test_") key, and its shown prefix. */
    public record Principal(String organisationId, String keyId, boolean sandbox, String keyPrefix) {}

    public static final String LIVE_PREFIX = "vl_live_";
    public static final String TEST_PREFIX = "vl_test_";
    private static final int SHOWN_PREFIX_LENGTH = 12;

    private final Database db;
    private final Clock clock;

    public Organisations(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public String create(String name) {
        String id = "org_" + UUID.randomUUID();
        ensure(id, name);
        return id;
    }

    /** Creates the organisation unless it exists (the demo organisation survives restarts). */
    public void ensure(String id, String name) {
        db.tx(c -> {
            if (Database.first(c, "SELECT id FROM organisations WHERE id = ?", rs -> rs.getString(1), id).isEmpty()) {
                Database.update(c, "INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)", id, name, clock.instant());
            }
            return null;
        });
    }

    public String newKey(String organisationId, boolean sandbox) {
        String key = Secrets.token(sandbox ? TEST_PREFIX : LIVE_PREFIX);
        addKey(organisationId, key);
        return key;
    }

    /** Registers a given key (e.g. VERILOCK_DEMO_API_KEY); a key already registered is left as it is. */
    public void addKey(String organisationId, String key) {
        if (!isWellFormed(key)) throw new IllegalArgumentException("API keys look like vl_live_<random> or vl_test_<random> (16+ characters after the prefix)");
        String hash = Secrets.sha256Hex(key);
        db.tx(c -> {
            if (Database.first(c, "SELECT id FROM api_keys WHERE key_hash = ?", rs -> rs.getString(1), hash).isEmpty()) {
                insertKey(c, organisationId, key);
            }
            return null;
        });
    }

    /** Stores a key's SHA-256 and shown prefix (never the key) inside the caller's transaction; returns its id. */
    String insertKey(java.sql.Connection c, String organisationId, String key) throws java.sql.SQLException {
        String id = "key_" + UUID.randomUUID();
        Database.update(c, "INSERT INTO api_keys (id, organisation_id, prefix, key_hash, sandbox, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, organisationId, shownPrefix(key), Secrets.sha256Hex(key), key.startsWith(TEST_PREFIX), clock.instant());
        return id;
    }

    /** What is kept of a key besides its hash, so people can recognise it (e.g. "vl_live_AbCd"). */
    static String shownPrefix(String key) { return key.substring(0, SHOWN_PREFIX_LENGTH); }

    /** Revokes every key of the organisation but {@code keep}; returns how many were revoked. */
    public int revokeAllBut(String organisationId, String keep) {
        return db.update("UPDATE api_keys SET revoked_at = ? WHERE organisation_id = ? AND key_hash <> ? AND revoked_at IS NULL",
                clock.instant(), organisationId, Secrets.sha256Hex(keep));
    }

    public Optional<Principal> authenticate(String key) {
        if (!isWellFormed(key)) return Optional.empty();
        // A revocation time in the future is a rotated key's overlap (admin key rotate --overlap): valid until then.
        return db.first("SELECT id, organisation_id, sandbox, prefix FROM api_keys WHERE key_hash = ? AND (revoked_at IS NULL OR revoked_at > ?)",
                rs -> new Principal(rs.getString("organisation_id"), rs.getString("id"), rs.getBoolean("sandbox"), rs.getString("prefix")),
                Secrets.sha256Hex(key), clock.instant());
    }

    // ---- allowed browser origins (CORS, issue #14): exact scheme://host[:port], see Origins ----

    /** Allows a browser origin for the organisation's client tokens and the Web SDK; returns its canonical form. */
    public String allowOrigin(String organisationId, String origin) {
        String o = Origins.normalise(origin);
        db.tx(c -> {
            requireOrganisation(c, organisationId);
            if (Database.first(c, "SELECT origin FROM organisation_origins WHERE organisation_id = ? AND origin = ?",
                    rs -> rs.getString(1), organisationId, o).isEmpty()) {
                Database.update(c, "INSERT INTO organisation_origins (organisation_id, origin, created_at) VALUES (?, ?, ?)",
                        organisationId, o, clock.instant());
            }
            return null;
        });
        return o;
    }

    /** Removes an allowed origin; false when it was not on the list. */
    public boolean removeOrigin(String organisationId, String origin) {
        String o = Origins.normalise(origin);
        return db.tx(c -> {
            requireOrganisation(c, organisationId);
            return Database.update(c, "DELETE FROM organisation_origins WHERE organisation_id = ? AND origin = ?", organisationId, o) > 0;
        });
    }

    /** Replaces the organisation's whole list (VERILOCK_CORS_ORIGINS for the demo organisation at each start). */
    public void replaceOrigins(String organisationId, List<String> origins) {
        List<String> normalised = origins.stream().map(Origins::normalise).distinct().toList();
        db.tx(c -> {
            requireOrganisation(c, organisationId);
            Database.update(c, "DELETE FROM organisation_origins WHERE organisation_id = ?", organisationId);
            for (String o : normalised) {
                Database.update(c, "INSERT INTO organisation_origins (organisation_id, origin, created_at) VALUES (?, ?, ?)",
                        organisationId, o, clock.instant());
            }
            return null;
        });
    }

    /** The organisation's allowed origins, sorted. */
    public List<String> allowedOrigins(String organisationId) {
        return db.query("SELECT origin FROM organisation_origins WHERE organisation_id = ? ORDER BY origin", rs -> rs.getString(1), organisationId);
    }

    boolean originAllowed(String organisationId, String origin) {
        return db.first("SELECT origin FROM organisation_origins WHERE organisation_id = ? AND origin = ?", rs -> rs.getString(1),
                organisationId, origin).isPresent();
    }

    /** Whether any organisation allows the origin: what a preflight (no credential) is answered on. */
    boolean originAllowedAnywhere(String origin) {
        return db.first("SELECT origin FROM organisation_origins WHERE origin = ?", rs -> rs.getString(1), origin).isPresent();
    }

    private static void requireOrganisation(java.sql.Connection c, String organisationId) throws java.sql.SQLException {
        if (Database.first(c, "SELECT id FROM organisations WHERE id = ?", rs -> rs.getString(1), organisationId).isEmpty()) {
            throw new IllegalArgumentException("no organisation " + organisationId);
        }
    }

    static boolean isWellFormed(String key) {
        return key != null && (key.startsWith(LIVE_PREFIX) || key.startsWith(TEST_PREFIX))
                && key.length() >= LIVE_PREFIX.length() + 16 && key.length() <= 200
                && key.substring(LIVE_PREFIX.length()).matches("[A-Za-z0-9_-]+");
    }
}
