package io.verilock.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser end-to-end tests (sdk/test/e2e.test.mjs, Node's test runner driving headless Debian Chromium with a
 * fake camera) against a real server started here with test hooks, so the SDK's testOrder is honoured. Runs only
 * when VERILOCK_E2E=1: sdk/test/run-e2e.sh sets it after installing the npm dependencies.
 */
@EnabledIfEnvironmentVariable(named = "VERILOCK_E2E", matches = "1")
class BrowserE2ETest {

    @Test
    void sdkDemoPageAndDashboardInHeadlessChromium() throws Exception {
        Path tests = Path.of("..", "sdk", "test").toAbsolutePath().normalize();
        assertThat(tests.resolve("node_modules/playwright-core")).as("run sdk/test/run-e2e.sh (installs playwright-core)").exists();
        // The Vite test app's origin (a second port, served by the Node test) is the demo organisation's allowed origin.
        int appPort = freePort();
        try (TestServer t = TestServer.start("h2", Map.of("VERILOCK_CORS_ORIGINS", "http://127.0.0.1:" + appPort))) {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "e2e.test.mjs")
                    .directory(tests.toFile()).redirectErrorStream(true);
            pb.environment().put("VERILOCK_BASE_URL", "http://127.0.0.1:" + t.server.port());
            pb.environment().put("VERILOCK_API_KEY", t.demoKey);
            pb.environment().put("VERILOCK_APP_PORT", String.valueOf(appPort));
            Process p = pb.start();
            // Relayed line by line: Surefire's forked JVM must not share its own stdout with a child.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) System.out.println("[e2e] " + line);
            }
            assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("node --test exit code (output above, screenshots in target/e2e-screenshots)").isZero();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** For developing the tests: starts the same server and waits; prints the URL, the demo key and the app port. */
    public static void main(String[] args) throws Exception {
        int appPort = freePort();
        TestServer t = TestServer.start("h2", Map.of("VERILOCK_CORS_ORIGINS", "http://127.0.0.1:" + appPort));
        String vars = "VERILOCK_BASE_URL=http://127.0.0.1:" + t.server.port() + "\nVERILOCK_API_KEY=" + t.demoKey
                + "\nVERILOCK_APP_PORT=" + appPort + "\n";
        System.out.print(vars);
        Files.writeString(Path.of(args.length > 0 ? args[0] : "/dev/null"), vars);
        Thread.currentThread().join();
    }
}
