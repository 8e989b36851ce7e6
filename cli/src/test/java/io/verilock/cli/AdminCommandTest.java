package io.verilock.cli;

import io.verilock.service.Config;
import io.verilock.service.VerilockServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `verilock admin` against the database of a running server, on H2 and on PostgreSQL (VERILOCK_TEST_PG_URL):
 * organisation → key → a session with that key → revoke → 401; rotation, origins and the audit log.
 */
class AdminCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Run(int status, String out, String err) {}

    private Map<String, String> env;

    private Run admin(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new AdminCommand(env)).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static int createSession(VerilockServer server, String key) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/sessions"))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void organisationKeySessionRevokeRotateOriginsAndAudit(String db) throws Exception {
        Path dir = Files.createTempDirectory("verilock-admin");
        env = new HashMap<>(Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(), "VERILOCK_ADMIN_ACTOR", "alice@ops"));
        String pg = System.getenv("VERILOCK_TEST_PG_URL");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (db.equals("postgresql")) {
            if (pg == null) {
                System.out.println("skipped: PostgreSQL not configured (set VERILOCK_TEST_PG_URL, VERILOCK_TEST_PG_USER, VERILOCK_TEST_PG_PASSWORD)");
                Assumptions.abort("skipped: PostgreSQL not configured");
            }
            env.putAll(Map.of("VERILOCK_DB_URL", pg, "VERILOCK_DB_USER", System.getenv("VERILOCK_TEST_PG_USER"),
                    "VERILOCK_DB_PASSWORD", System.getenv("VERILOCK_TEST_PG_PASSWORD"), "VERILOCK_DB_SCHEMA", schema));
        }
        VerilockServer server = VerilockServer.start(Config.fromEnv(env));
        try {
            Run org = admin("org", "create", "Acme Bank", "--sandbox");
            assertThat(org.status()).as(org.err()).isZero();
            String orgId = org.out().split("\t")[0];
            assertThat(orgId).startsWith("org_");
            assertThat(admin("org", "list").out()).contains(orgId + "\tAcme Bank\tsandbox\t");

            Run created = admin("key", "create", "Acme Bank"); // by its unique name
            assertThat(created.status()).as(created.err()).isZero();
            String key = created.out().trim();
            assertThat(key).startsWith("vl_test_").hasSizeGreaterThan(30); // a sandbox organisation's key
            assertThat(createSession(server, key)).isEqualTo(201);

            String prefix = key.substring(0, 12);
            Run list = admin("key", "list", orgId);
            assertThat(list.out()).contains(prefix).contains("\tactive").doesNotContain(key);

            Run revoked = admin("key", "revoke", prefix);
            assertThat(revoked.status()).as(revoked.err()).isZero();
            assertThat(createSession(server, key)).isEqualTo(401);
            assertThat(admin("key", "list", orgId).out()).contains("revoked ");
            Run again = admin("key", "revoke", prefix);
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).contains("already revoked");

            // Rotation: the replacement works, the old key stops at once (no --overlap) ...
            String second = admin("key", "create", orgId).out().trim();
            Run rotated = admin("key", "rotate", second.substring(0, 12));
            assertThat(rotated.status()).as(rotated.err()).isZero();
            String third = rotated.out().trim();
            assertThat(third).startsWith("vl_test_").isNotEqualTo(second);
            assertThat(createSession(server, second)).isEqualTo(401);
            assertThat(createSession(server, third)).isEqualTo(201);
            // ... or keeps working for the overlap.
            String fourth = admin("key", "rotate", third.substring(0, 12), "--overlap", "60").out().trim();
            assertThat(createSession(server, third)).isEqualTo(201);
            assertThat(createSession(server, fourth)).isEqualTo(201);
            assertThat(admin("key", "list", orgId).out()).contains("active until ");

            Run origins = admin("org", "origins", "add", orgId, "https://Shop.Example.com:443", "http://localhost:5173");
            assertThat(origins.status()).as(origins.err()).isZero();
            assertThat(origins.out()).isEqualTo("http://localhost:5173\nhttps://shop.example.com\n");
            assertThat(admin("org", "origins", "remove", orgId, "http://localhost:5173").out()).isEqualTo("https://shop.example.com\n");
            Run wildcard = admin("org", "origins", "add", orgId, "https://*.example.com");
            assertThat(wildcard.status()).isEqualTo(1);
            assertThat(wildcard.err()).startsWith("verilock admin: ").contains("wildcards are not allowed");

            Run unknown = admin("key", "create", "No Such Org");
            assertThat(unknown.status()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("verilock admin: no organisation 'No Such Org' (see `admin org list`)\n");

            Run audit = admin("audit");
            assertThat(audit.out().lines().filter(l -> l.contains("\talice@ops\t")).map(l -> l.split("\t")[2]))
                    .containsExactly("org.create", "key.create", "key.revoke", "key.create", "key.rotate", "key.rotate",
                            "origin.add", "origin.add", "origin.remove");
            assertThat(audit.out()).doesNotContain(key).doesNotContain(third).contains(prefix);
        } finally {
            server.stop();
            if (db.equals("postgresql")) {
                try (var c = DriverManager.getConnection(pg, System.getenv("VERILOCK_TEST_PG_USER"), System.getenv("VERILOCK_TEST_PG_PASSWORD"));
                     var s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
