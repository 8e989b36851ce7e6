package io.verilock.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

final class Times {
    private Times() {}

    /** Millisecond precision: what both databases store exactly, so keyset cursors compare equal after a round trip. */
    static Instant now(Clock clock) { return clock.instant().truncatedTo(ChronoUnit.MILLIS); }
}
