package io.verilock.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

/** `./verilock probe --url http://127.0.0.1:8080 --key vl_test_...`: the reliability probe (docs/RELIABILITY.md). */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Sends hostile requests over every route of a running Verilock server on this machine (loopback only)",
                "and fails on any 5xx, hang, crash, 4xx without a JSON error, 429 without Retry-After or isolation breach.",
                "Use a test server: it creates sessions and uploads images in the key's organisation."})
final class ProbeCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, description = "The server, e.g. http://127.0.0.1:8080 (loopback only)")
    URI url;

    @Option(names = "--key", required = true, description = "A secret API key of a test organisation")
    String key;

    @Option(names = "--other-key", description = "A key of a second organisation: enables the isolation checks")
    String otherKey;

    @Option(names = "--requests", defaultValue = "10000", description = "Total requests, at least (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--slow-bodies", defaultValue = "1000", description = "Slow request bodies held open at once (default: ${DEFAULT-VALUE})")
    int slowBodies;

    @Option(names = "--timeout-seconds", defaultValue = "15", description = "A request unanswered this long is a hang (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--seed", defaultValue = "17", description = "Random seed of the fuzzed inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        try {
            Probe.requireLoopback(url);
        } catch (IllegalArgumentException e) {
            System.err.println("verilock probe: " + e.getMessage());
            return 2;
        }
        Probe.Report report = new Probe(new Probe.Settings(url, key, otherKey, requests, slowBodies,
                Duration.ofSeconds(timeoutSeconds), seed), System.out).run();
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }
}
