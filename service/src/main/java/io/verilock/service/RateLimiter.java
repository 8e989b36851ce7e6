package io.verilock.service;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets keyed by caller (API key id or client token hash): bursts up to a minute's allowance, refilled evenly. */
public final class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one token; false means the caller must wait. A limit of 0 or less disables limiting. */
    public boolean tryAcquire(String key) {
        if (perMinute <= 0) return true;
        // Client tokens are many and short-lived: forgetting all buckets now and then bounds memory at the cost of a refill.
        if (buckets.size() > MAX_KEYS) buckets.clear();
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, clock.millis())).take(perMinute, clock.millis());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
