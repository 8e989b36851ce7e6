package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status mapping alone, without a server. */
class SessionFinalizerDecisionTest {
    static SelfieResult r(Double score, boolean passed, int threshold) {
        return new SelfieResult("passive", score, passed, threshold, List.of(), 1, null, null, null);
    }

    @Test
    void mapsOutcomesToSpecStatuses() {
        assertThat(SessionFinalizer.decide(r(75.0, true, 75))).isEqualTo("approved");
        assertThat(SessionFinalizer.decide(r(74.99, false, 75))).isEqualTo("needs_review");
        assertThat(SessionFinalizer.decide(r(50.0, false, 75))).isEqualTo("needs_review");
        assertThat(SessionFinalizer.decide(r(49.99, false, 75))).isEqualTo("declined");
        assertThat(SessionFinalizer.decide(r(null, false, 75))).isEqualTo("declined");
        // Below a threshold under 50 there is no review band.
        assertThat(SessionFinalizer.decide(r(45.0, false, 40))).isEqualTo("declined");
    }

    @Test
    void resultsOutsideTheSpecRangesAreRefused() {
        assertThatThrownBy(() -> r(100.5, true, 75)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(Double.NaN, true, 75)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(80.0, true, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("semi", 80.0, true, 75, List.of(), 1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("active", 80.0, true, 75, List.of("nod"), 1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("active", 80.0, true, 75, List.of(), -1, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
