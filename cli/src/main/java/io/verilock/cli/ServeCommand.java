package io.verilock.cli;

import io.verilock.service.Config;
import io.verilock.service.VerilockServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `verilock serve`: the HTTP service with embedded defaults (H2 and evidence under ./data, a demo organisation). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the verification service. Settings come from VERILOCK_* environment variables "
                + "(service/README.md); the options below override them.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080, or VERILOCK_PORT).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1, or VERILOCK_BIND_ADDRESS; "
            + "0.0.0.0 for every interface, e.g. in a container).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder for the H2 database and evidence (default ./data, or VERILOCK_DATA_DIR).")
    Path data;

    @Option(names = "--demo", negatable = true, description = "Serve the demo page and its /demo/* endpoints (--no-demo: answer 404). "
            + "Default: VERILOCK_DEMO_ENABLED, else on with the embedded H2 database and off with PostgreSQL.")
    Boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) env.put("VERILOCK_PORT", Integer.toString(port));
        if (data != null) env.put("VERILOCK_DATA_DIR", data.toString());
        if (demo != null) env.put("VERILOCK_DEMO_ENABLED", demo.toString());
        if (bind != null) env.put("VERILOCK_BIND_ADDRESS", bind);
        VerilockServer server;
        try {
            server = VerilockServer.start(Config.fromEnv(env));
        } catch (VerilockServer.PortInUseException | IllegalArgumentException e) {
            // A setting the operator can fix: one line naming it, no stack trace.
            System.err.println("verilock serve: " + e.getMessage());
            return 1;
        }
        System.out.println("Verilock is running at " + server.baseUrl()
                + (server.demoServed() ? " (demo page at " + server.baseUrl() + "/)" : " (demo page off)"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "verilock-shutdown"));
        stopped.await();
        return 0;
    }
}
