package io.verilock.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status mapping alone, without a server; the bands themselves are the engine's (LivenessDecisionTest). */
class SessionFinalizerDecisionTest {
    static SelfieResult r(Double score, boolean passed, int threshold, String decision) {
        return new SelfieResult("passive", score, passed, threshold, List.of(), 1, null, null, null, decision);
    }

    @Test
    void mapsTheEngineDecisionToSpecStatuses() {
        assertThat(SessionFinalizer.decide(r(75.0, true, 75, "pass"))).isEqualTo("approved");
        assertThat(SessionFinalizer.decide(r(60.0, false, 75, "review"))).isEqualTo("needs_review");
        assertThat(SessionFinalizer.decide(r(20.0, false, 75, "fail"))).isEqualTo("declined");
        assertThat(SessionFinalizer.decide(r(null, false, 75, "fail"))).isEqualTo("declined");
    }

    @Test
    void resultsOutsideTheSpecRangesAreRefused() {
        assertThatThrownBy(() -> r(100.5, true, 75, "pass")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(Double.NaN, true, 75, "pass")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(80.0, true, 101, "pass")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(80.0, true, 75, "maybe")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r(80.0, true, 75, "fail")).as("passed but not pass").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("semi", 80.0, true, 75, List.of(), 1, null, null, null, "pass"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("active", 80.0, true, 75, List.of("nod"), 1, null, null, null, "pass"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SelfieResult("active", 80.0, true, 75, List.of(), -1, null, null, null, "pass"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
