package io.verilock.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo switch: the demo page and /demo/* are served with the embedded H2 database unless turned off, and off
 * with a database server (PostgreSQL) unless turned on; when off they answer a JSON 404 and the start-up log says so.
 */
class DemoSwitchTest {
    private static final String PG = "jdbc:postgresql://db.internal:5432/verilock";

    private static Config config(String dbUrl, String enabled) {
        Map<String, String> env = new HashMap<>();
        if (dbUrl != null) env.put("VERILOCK_DB_URL", dbUrl);
        if (enabled != null) env.put("VERILOCK_DEMO_ENABLED", enabled);
        return Config.fromEnv(env);
    }

    @Test
    void theRule() {
        assertThat(config(null, null).demoServed()).as("embedded defaults: the quick start shows the demo").isTrue();
        assertThat(config("jdbc:h2:mem:x", "")).extracting(Config::demoServed).isEqualTo(true);
        assertThat(config(PG, null).demoServed()).as("PostgreSQL: production, no demo").isFalse();
        assertThat(config(null, "false").demoServed()).isFalse();
        assertThat(config(PG, "true").demoServed()).as("explicitly enabled").isTrue();
        assertThat(config(null, "off").demoServed()).isFalse();
        assertThatThrownBy(() -> config(null, "sometimes")).hasMessageContaining("VERILOCK_DEMO_ENABLED");
    }

    @Test
    void turnedOffTheDemoRoutesAnswer404AndTheLogSaysSo() {
        List<String> log = logged(() -> TestServer.start("h2", Map.of("VERILOCK_DEMO_ENABLED", "false")), t -> {
            for (String path : List.of("/", "/demo/sessions/ses_00000000-0000-0000-0000-000000000000", "/sdk/demo/index.html",
                    "/sdk/demo/demo.js", "/sdk//demo/index.html")) {
                TestServer.Res r = t.get(path, null);
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.errorCode()).as(path).isEqualTo("not_found");
            }
            TestServer.Res create = t.post("/demo/sessions", null, "{\"liveness_mode\": \"passive\"}");
            assertThat(create.status()).isEqualTo(404);
            assertThat(create.errorCode()).isEqualTo("not_found");
            assertThat(t.get("/v1/sessions", t.demoKey).json().get("data")).as("no session was created").isEmpty();
            // The API, the dashboard and the Web SDK itself are unaffected.
            assertThat(t.get("/dashboard", null).status()).isEqualTo(200);
            assertThat(t.get("/sdk/verilock.js", null).status()).isEqualTo(200);
            assertThat(t.createSession(t.demoKey).get("client_token").asText()).startsWith("vlct_");
        });
        assertThat(log).anySatisfy(m -> assertThat(m).contains("demo page disabled").contains("404").contains("VERILOCK_DEMO_ENABLED=false"));
    }

    @Test
    void withTheEmbeddedDefaultsTheDemoIsServedAndTheLogSaysSo() {
        List<String> log = logged(() -> TestServer.start("h2", Map.of("VERILOCK_DEMO_ENABLED", "")), t -> {
            assertThat(t.get("/", null).status()).isEqualTo(200);
            assertThat(t.post("/demo/sessions", null, "{}").status()).isEqualTo(201);
        });
        assertThat(log).anySatisfy(m -> assertThat(m).contains("demo page enabled").contains("embedded H2"));
    }

    @Test
    void turnedOffAGeneratedDemoKeyWorksButIsNeitherPrintedNorLogged() {
        Captured c = captured(() -> TestServer.start("h2", Map.of("VERILOCK_DEMO_ENABLED", "false", "VERILOCK_DEMO_API_KEY", "")));
        assertThat(c.key).as("still available programmatically").startsWith("vl_test_");
        assertThat(c.keyWorked).isTrue();
        assertThat(c.stdout).doesNotContain(c.key).doesNotContain("API key:");
        assertThat(c.log).isNotEmpty().noneSatisfy(m -> assertThat(m).contains(c.key))
                .anySatisfy(m -> assertThat(m).contains("not printed").contains("VERILOCK_DEMO_API_KEY"));
    }

    @Test
    void onPostgreSqlByDefaultAGeneratedDemoKeyIsNeitherPrintedNorLogged() {
        Captured c = captured(() -> TestServer.start("postgresql", Map.of("VERILOCK_DEMO_ENABLED", "", "VERILOCK_DEMO_API_KEY", "")));
        assertThat(c.keyWorked).isTrue();
        assertThat(c.stdout).doesNotContain(c.key);
        assertThat(c.log).noneSatisfy(m -> assertThat(m).contains(c.key));
    }

    @Test
    void withTheDemoOnAGeneratedKeyIsPrintedForTheQuickStart() {
        Captured c = captured(() -> TestServer.start("h2", Map.of("VERILOCK_DEMO_ENABLED", "", "VERILOCK_DEMO_API_KEY", "")));
        assertThat(c.keyWorked).isTrue();
        assertThat(c.stdout).contains("Verilock demo organisation API key: " + c.key);
    }

    /**
     * What a server start wrote to standard output and to every logger (at DEBUG), and whether its demo key then
     * opened the API (used after the capture: Jetty's DEBUG log of request headers is the test's own doing).
     */
    private record Captured(String key, boolean keyWorked, String stdout, List<String> log) {}

    private static Captured captured(Supplier<TestServer> start) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = root.getLevel();
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        TestServer t = null;
        try {
            root.setLevel(Level.DEBUG);
            root.addAppender(events);
            System.setOut(new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8));
            t = start.get();
        } finally {
            System.setOut(out);
            root.detachAppender(events);
            root.setLevel(level);
        }
        try (TestServer server = t) {
            String key = server.server.demoApiKey();
            boolean worked = server.get("/v1/sessions", key).status() == 200;
            List<String> log = events.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
            return new Captured(key, worked, stdout.toString(java.nio.charset.StandardCharsets.UTF_8), log);
        }
    }

    private static List<String> logged(Supplier<TestServer> start, java.util.function.Consumer<TestServer> body) {
        return ServerLog.messages(ServerLog.around(start, body));
    }
}
