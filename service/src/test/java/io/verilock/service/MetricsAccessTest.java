package io.verilock.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VERILOCK_METRICS_TOKEN: with it /metrics needs the bearer token; without it /metrics is open, and a warning on PostgreSQL. */
class MetricsAccessTest {
    private static final String TOKEN = "metrics-token-0123456789abcdef";
    private static final String PG = "jdbc:postgresql://db.internal:5432/verilock";

    @Test
    void withATokenMetricsNeedItAndEverythingElseGetsAJson401() {
        List<String> log = logged(() -> TestServer.start("h2", Map.of("VERILOCK_METRICS_TOKEN", TOKEN)), t -> {
            TestServer.Res ok = t.get("/metrics", TOKEN);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("verilock_frames_analysed_total");

            for (String wrong : new String[] {null, TOKEN + "x", TOKEN.substring(1), "x", t.demoKey}) {
                TestServer.Res r = t.get("/metrics", wrong);
                assertThat(r.status()).as("token %s", wrong).isEqualTo(401);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(r.errorCode()).isEqualTo("unauthorized");
                assertThat(r.errorField()).isEqualTo("Authorization");
                assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
                assertThat(r.body()).doesNotContain("verilock_").doesNotContain(TOKEN);
            }
            // Basic instead of Bearer is no credential either.
            TestServer.Res basic = TestServer.send(t.request("/metrics", null).header("Authorization", "Basic " + TOKEN).GET());
            assertThat(basic.status()).isEqualTo(401);
            // The token is not an API key, and the API is unaffected.
            assertThat(t.get("/v1/sessions", TOKEN).status()).isEqualTo(401);
            assertThat(t.get("/v1/sessions", t.demoKey).status()).isEqualTo(200);
            assertThat(t.get("/health", null).status()).isEqualTo(200);
        });
        assertThat(log).anySatisfy(m -> assertThat(m).contains("/metrics requires Authorization: Bearer"));
        assertThat(log).noneSatisfy(m -> assertThat(m).contains(TOKEN));
    }

    @Test
    void withoutATokenOnTheEmbeddedDatabaseMetricsStayOpenWithoutAWarning() {
        List<ILoggingEvent> events = new java.util.ArrayList<>();
        List<String> log = logged(() -> TestServer.start("h2"), t -> {
            TestServer.Res r = t.get("/metrics", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("verilock_frames_analysed_total");
        }, events);
        assertThat(log).anySatisfy(m -> assertThat(m).contains("/metrics is open"));
        assertThat(events).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    @Test
    void theStartUpWarningIsForAnOpenMetricsOnADatabaseServer() {
        assertThat(VerilockServer.openMetricsWarning(Config.fromEnv(Map.of("VERILOCK_DB_URL", PG))))
                .contains("/metrics is open").contains("VERILOCK_METRICS_TOKEN").contains("internal network");
        assertThat(VerilockServer.openMetricsWarning(Config.fromEnv(Map.of("VERILOCK_DB_URL", PG, "VERILOCK_METRICS_TOKEN", TOKEN)))).isNull();
        assertThat(VerilockServer.openMetricsWarning(Config.fromEnv(Map.of()))).as("embedded H2 quick start").isNull();
        assertThat(VerilockServer.openMetricsWarning(Config.fromEnv(Map.of("VERILOCK_DB_URL", "jdbc:h2:mem:x")))).isNull();
    }

    @Test
    void onPostgreSqlWithoutATokenTheLogWarns() {
        List<ILoggingEvent> events = new java.util.ArrayList<>();
        logged(() -> TestServer.start("postgresql"), t -> assertThat(t.get("/metrics", null).status()).isEqualTo(200), events);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("/metrics is open").contains("VERILOCK_METRICS_TOKEN");
        });
    }

    @Test
    void aShortOrSpacedTokenIsRefusedAtStartWithoutEchoingIt() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of("VERILOCK_METRICS_TOKEN", "short-secret")))
                .hasMessageContaining("VERILOCK_METRICS_TOKEN").hasMessageContaining("16").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("VERILOCK_METRICS_TOKEN", "0123456789 abcdef0123")))
                .hasMessageContaining("VERILOCK_METRICS_TOKEN");
        assertThat(Config.fromEnv(Map.of("VERILOCK_METRICS_TOKEN", "  ")).metricsToken()).as("blank is unset").isNull();
        assertThat(Config.fromEnv(Map.of("VERILOCK_METRICS_TOKEN", TOKEN)).toString()).doesNotContain(TOKEN);
    }

    private static List<String> logged(Supplier<TestServer> start, Consumer<TestServer> body) {
        return logged(start, body, new java.util.ArrayList<>());
    }

    /** Runs {@code body} against a server, collecting what VerilockServer logged (also into {@code into}). */
    private static List<String> logged(Supplier<TestServer> start, Consumer<TestServer> body, List<ILoggingEvent> into) {
        List<ILoggingEvent> events = ServerLog.around(start, body);
        into.addAll(events);
        return ServerLog.messages(events);
    }
}
