package io.verilock.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

final class Times {
    private Times() {}

    /**
     * The instants a query may compare with: years 1 to 9999. H2 stores years up to ±10⁹ and PostgreSQL from 4713 BC
     * to 294,276 AD; past either the driver fails, so parameters outside this range are refused before the query.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static boolean storable(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    /** Millisecond precision: what both databases store exactly, so keyset cursors compare equal after a round trip. */
    static Instant now(Clock clock) { return clock.instant().truncatedTo(ChronoUnit.MILLIS); }
}
