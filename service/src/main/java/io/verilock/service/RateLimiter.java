package io.verilock.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets keyed by caller (API key id, client token hash, client address): bursts up to a minute's allowance,
 * refilled evenly. Memory is bounded without forgetting everyone at once: a bucket untouched for a minute is full
 * again, so it is dropped (a new one is the same), and past {@link #MAX_KEYS} keys Caffeine evicts the least used
 * ones one by one, so a flood of new keys cannot reset the limits of the callers that use the service.
 */
public final class RateLimiter {
    static final int MAX_KEYS = 100_000;

    private final int perMinute;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(int perMinute, Clock clock) {
        this(perMinute, clock, MAX_KEYS);
    }

    RateLimiter(int perMinute, Clock clock, int maxKeys) {
        this.perMinute = perMinute;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(Duration.ofMinutes(1))
                .ticker(ticker).executor(Runnable::run).build();
    }

    /** Takes one token; false means the caller must wait. A limit of 0 or less disables limiting. */
    public boolean tryAcquire(String key) {
        return retryAfterSeconds(key) == 0;
    }

    /** Takes one token and returns 0, or returns the whole seconds until one is available (for Retry-After). */
    public long retryAfterSeconds(String key) {
        if (perMinute <= 0) return 0;
        long now = clock.millis();
        return buckets.get(key, k -> new Bucket(perMinute, now)).take(perMinute, now);
    }

    /** 0 when a token is available, else the whole seconds until one is; takes nothing. */
    public long waitSeconds(String key) {
        if (perMinute <= 0) return 0;
        Bucket b = buckets.getIfPresent(key);
        return b == null ? 0 : b.wait(b.peek(perMinute, clock.millis()), perMinute);
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized double peek(int perMinute, long now) {
            return Math.min(perMinute, tokens + Math.max(0, now - last) * perMinute / 60_000.0);
        }

        /** 0 when a token was taken, else the seconds (at least 1) until the next one. */
        synchronized long take(int perMinute, long now) {
            tokens = peek(perMinute, now);
            last = Math.max(last, now);
            if (tokens < 1) return wait(tokens, perMinute);
            tokens -= 1;
            return 0;
        }

        long wait(double available, int perMinute) {
            return available >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - available) * 60.0 / perMinute));
        }
    }
}
