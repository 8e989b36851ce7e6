package io.verilock.service;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.liveness.AnalyzerLender;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Face analyzers are not thread-safe and load their models once (about 100 ms, 20 MB each): the pool lends one per
 * request thread, creating up to {@code size} lazily, so a request waits only when every core is already busy.
 */
final class AnalyzerPool implements AnalyzerLender, AutoCloseable {
    private final BlockingQueue<FaceAnalyzer> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int size;
    private final Supplier<FaceAnalyzer> factory;

    AnalyzerPool(int size) {
        this(size, () -> FaceAnalyzers.open(1));
    }

    AnalyzerPool(int size, Supplier<FaceAnalyzer> factory) {
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    @Override
    public <R> R with(Work<R> work) throws ImageInputException {
        FaceAnalyzer analyzer = borrow();
        try {
            return work.run(analyzer);
        } finally {
            idle.offer(analyzer);
        }
    }

    private FaceAnalyzer borrow() {
        FaceAnalyzer a = idle.poll();
        if (a != null) return a;
        if (created.incrementAndGet() <= size) return factory.get();
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "unavailable", "The server is shutting down", null);
        }
    }

    @Override
    public void close() {
        FaceAnalyzer a;
        while ((a = idle.poll()) != null) a.close();
    }
}
