package io.verilock.cli;

import io.verilock.service.Config;
import io.verilock.service.VerilockServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17's reliability suite: the probe's 10,000+ hostile requests against a server in this JVM, which the build
 * runs with -Xmx512m (cli/pom.xml, execution "reliability") so that a memory bomb shows, on H2 and on PostgreSQL
 * (VERILOCK_TEST_PG_URL). Fails on any 5xx, hang, crash, 4xx without a JSON error, 429 without Retry-After or
 * isolation breach. The rate limits are off here (the probe would spend its budget on 429s); HostileInputTest in
 * the service tests covers them.
 */
class ReliabilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theProbeFindsNothing(String db, @TempDir Path dir) throws Exception {
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        if (heapMiB > 600) {
            // -Dtest selects it in the default 4 GiB fork too: only the 512 MiB one shows a memory bomb.
            System.out.println("skipped here: the reliability suite runs in the -Xmx512m fork (this one has " + heapMiB + " MiB)");
            Assumptions.abort("not the 512 MiB fork");
        }
        Map<String, String> env = new HashMap<>(Map.of("VERILOCK_PORT", "0", "VERILOCK_DATA_DIR", dir.toString(),
                "VERILOCK_DEMO_ENABLED", "true", "VERILOCK_RATE_LIMIT_PER_MINUTE", "0", "VERILOCK_CLIENT_RATE_LIMIT_PER_MINUTE", "0",
                "VERILOCK_FAILED_AUTH_PER_MINUTE", "0", "VERILOCK_DEMO_RATE_LIMIT_PER_MINUTE", "0"));
        String pg = System.getenv("VERILOCK_TEST_PG_URL");
        String schema = "rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (db.equals("postgresql")) {
            if (pg == null) {
                System.out.println("skipped: PostgreSQL not configured (set VERILOCK_TEST_PG_URL, VERILOCK_TEST_PG_USER, VERILOCK_TEST_PG_PASSWORD)");
                Assumptions.abort("PostgreSQL not configured");
            }
            env.putAll(Map.of("VERILOCK_DB_URL", pg, "VERILOCK_DB_USER", System.getenv("VERILOCK_TEST_PG_USER"),
                    "VERILOCK_DB_PASSWORD", System.getenv("VERILOCK_TEST_PG_PASSWORD"), "VERILOCK_DB_SCHEMA", schema));
        } else {
            env.put("VERILOCK_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        System.out.printf("reliability on %s: max heap %d MiB%n", db, heapMiB);
        VerilockServer server = VerilockServer.start(Config.fromEnv(env));
        try {
            String a = server.createOrganisation("probe-a", true);
            String b = server.createOrganisation("probe-b", true);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            Probe.Report report = new Probe(new Probe.Settings(URI.create("http://127.0.0.1:" + server.port()), a, b, 10_000,
                    1000, Duration.ofSeconds(15), 17), out).run();
            report.print(out);
            System.out.println(log.toString(StandardCharsets.UTF_8));
            assertThat(report.requests.get()).isGreaterThanOrEqualTo(10_000);
            assertThat(report.bombMillis).isNotEmpty();
            assertThat(report.failures).as(log.toString(StandardCharsets.UTF_8)).isEmpty();
        } finally {
            server.stop();
            if (db.equals("postgresql")) {
                try (var c = DriverManager.getConnection(pg, System.getenv("VERILOCK_TEST_PG_USER"), System.getenv("VERILOCK_TEST_PG_PASSWORD"));
                     var st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
