package io.verilock.engine.liveness;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * The challenges one session prompts, in prompting order. The order is random per session so that a pre-recorded
 * video cannot anticipate it; a fixed order exists for replaying recorded sequences and for tests.
 */
public record ChallengePlan(List<Challenge> order) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ChallengePlan {
        order = List.copyOf(order);
        if (order.isEmpty()) throw new IllegalArgumentException("a challenge plan needs at least one challenge");
        if (new HashSet<>(order).size() != order.size())
            throw new IllegalArgumentException("a challenge may appear only once in a plan: " + order);
    }

    /** All four challenges in a fresh random order. */
    public static ChallengePlan randomAll() {
        return random(EnumSet.allOf(Challenge.class));
    }

    /** The configured subset in a fresh order drawn from {@link SecureRandom}. */
    public static ChallengePlan random(Collection<Challenge> subset) {
        return random(subset, RANDOM);
    }

    public static ChallengePlan random(Collection<Challenge> subset, Random random) {
        if (subset.isEmpty()) throw new IllegalArgumentException("a challenge plan needs at least one challenge");
        List<Challenge> shuffled = new ArrayList<>(EnumSet.copyOf(subset));
        java.util.Collections.shuffle(shuffled, random);
        return new ChallengePlan(shuffled);
    }

    /** Exactly this order (replay of recorded sequences, tests). */
    public static ChallengePlan fixed(List<Challenge> order) {
        return new ChallengePlan(order);
    }

    public int size() { return order.size(); }

    public Challenge get(int index) { return order.get(index); }

    /** Whether the plan exercises this score factor at all (a subset such as smile+blink has no pose factor). */
    public boolean exercises(Challenge.Factor factor) {
        return order.stream().anyMatch(c -> c.factor() == factor);
    }
}
