package io.verilock.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/** The Prometheus registry behind /metrics and the few domain meters the service and capture protocol record. */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter frames;
    private final Timer analysis;

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        frames = Counter.builder("verilock.frames.analysed").description("Frames analysed by the engine").register(registry);
        analysis = Timer.builder("verilock.analysis.latency").description("Engine analysis time per frame")
                .publishPercentileHistogram().register(registry);
    }

    public void request(String method, String route, int status, long nanos) {
        Timer.builder("verilock.http.requests").tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** For the capture protocol: one frame went through the engine, taking {@code latency}. */
    public void frameAnalysed(Duration latency) {
        frames.increment();
        analysis.record(latency);
    }

    public void decision(String outcome) {
        Counter.builder("verilock.decisions").tag("outcome", outcome).description("Sessions finalised, by outcome")
                .register(registry).increment();
    }

    public String scrape() { return registry.scrape(); }
}
