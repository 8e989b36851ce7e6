package io.verilock.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/** The Prometheus registry behind /metrics and the few domain meters the service and capture protocol record. */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Listens to the JVM's GC notifications until closed. */
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter frames;
    private final Timer analysis;
    private final DistributionSummary stateBytes;
    private final Timer stateWrite;

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        frames = Counter.builder("verilock.frames.analysed").description("Frames analysed by the engine").register(registry);
        analysis = Timer.builder("verilock.analysis.latency").description("Engine analysis time per frame")
                .publishPercentileHistogram().register(registry);
        stateBytes = DistributionSummary.builder("verilock.capture.frame.record").baseUnit("bytes")
                .description("Size of the capture state stored per frame (CaptureStore)").register(registry);
        stateWrite = Timer.builder("verilock.capture.frame.store")
                .description("Database time to store one capture frame's state").publishPercentileHistogram().register(registry);
    }

    /** For the capture protocol: one frame's state of {@code bytes} was stored in the database in {@code latency}. */
    public void captureFrameStored(int bytes, Duration latency) {
        stateBytes.record(bytes);
        stateWrite.record(latency);
    }

    public void request(String method, String route, int status, long nanos, long databaseNanos) {
        Timer.builder("verilock.http.requests")
                .description("HTTP requests by method, route template (unmatched: no route) and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(Duration.ofNanos(nanos));
        Timer.builder("verilock.http.database").description("Database time (connections, statements, commits) per request")
                .tag("method", method).tag("route", route).register(registry).record(Duration.ofNanos(databaseNanos));
    }

    /** For the capture protocol: one frame went through the engine, taking {@code latency}. */
    public void frameAnalysed(Duration latency) {
        frames.increment();
        analysis.record(latency);
    }

    /** Label {@code source} of {@code verilock_decisions_total}: the finaliser's decision on a session. */
    public static final String AUTOMATIC = "automatic";
    /** Label {@code source} of {@code verilock_decisions_total}: a person's decision on a needs_review session. */
    public static final String REVIEW = "review";

    /** The finaliser decided a session: approved, needs_review or declined ({@code source="automatic"}). */
    public void decision(String outcome) { decision(AUTOMATIC, outcome); }

    /** A manual review decided a needs_review session: approved or declined ({@code source="review"}). */
    public void reviewDecision(String outcome) { decision(REVIEW, outcome); }

    /**
     * One series per outcome and source (service/README.md, "Metrics"): a reviewed session counts twice, once as
     * automatic needs_review and once as its review's outcome.
     */
    private void decision(String source, String outcome) {
        Counter.builder("verilock.decisions").tag("outcome", outcome).tag("source", source)
                .description("Session decisions, by outcome and source (automatic: the finaliser; review: a manual review)")
                .register(registry).increment();
    }

    public String scrape() { return registry.scrape(); }

    @Override
    public void close() { gc.close(); }
}
