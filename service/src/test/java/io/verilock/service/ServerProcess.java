package io.verilock.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a separate JVM ({@link VerilockServer#main}) on this test's classpath, so a test can kill -9 it:
 * {@link Process#destroyForcibly()} is SIGKILL on Linux, no shutdown hook runs. The port is read from its log line.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Verilock listening on (?:port )?(?:\\S*:)?(\\d+)");

    private final Process process;
    final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server with exactly {@code env} as its VERILOCK_* settings (port 0: any free port) and waits for it. */
    static ServerProcess start(Map<String, String> env, Path logFile) { return start(env, logFile, VerilockServer.class); }

    /** As {@link #start(Map, Path)} with another main class (e.g. {@link ScriptedServerMain}). */
    static ServerProcess start(Map<String, String> env, Path logFile, Class<?> main) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx768m", "-XX:TieredStopAtLevel=1",
                // The production log configuration (INFO), not the tests' quiet one: the port is read from it.
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), main.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("VERILOCK_"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                     var out = java.nio.file.Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                             java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        out.write(line);
                        out.newLine();
                        out.flush();
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (IOException ignored) {
                    // the process died: its output ends
                }
                port.complete(-1);
            }, "server-process-log");
            reader.setDaemon(true);
            reader.start();
            int found = port.get(90, TimeUnit.SECONDS);
            if (found < 0) throw new IllegalStateException("server process exited before listening; log: " + logFile);
            return new ServerProcess(p, found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("server process did not start; log: " + logFile, e);
        }
    }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    /** kill -9: the JVM ends at once, without its shutdown hook, mid-request and mid-commit. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() { return process.isAlive(); }

    @Override
    public void close() { kill(); }
}
