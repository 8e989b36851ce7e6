package io.verilock.engine.liveness;

/**
 * What happened to one prompted challenge. Measures are relative to the {@link Baseline} where that matters and null
 * where they do not apply to the challenge.
 *
 * @param peakYawChange   head turns: largest yaw change from baseline towards the prompted side, degrees
 * @param peakYaw         head turns: the absolute yaw at that peak
 * @param minEyeOpenness  blink: lowest mean openness reached
 * @param blinkDepth      blink: 1 - min openness / baseline openness
 * @param peakSmile       smile: highest smile reached
 * @param smileRise       smile: peak smile minus baseline smile
 * @param wrongDirectionFrames head turns: frames turned past the angle the other way (mirror confusion, or a replay)
 * @param discontinuities times the action was reached through a step between still pictures (a photo swapped in)
 *                        and did not count ({@code discontinuous_motion}); 0 when every attempt moved like a person
 * @param motionJump      the fastest rigid-point motion during the action (inter-ocular distances per 100 ms)
 * @param motionFlank     the fastest motion on either side of that jump, same unit (both sides below
 *                        {@code continuityStillRate} = a step); null when the jump was below the jump bound
 */
public record ChallengeOutcome(
        Challenge challenge,
        ChallengeStatus status,
        Long promptedAtMillis,
        Long completedAtMillis,
        Double peakYawChange,
        Double peakYaw,
        Double minEyeOpenness,
        Double blinkDepth,
        Double peakSmile,
        Double smileRise,
        Integer wrongDirectionFrames,
        Integer discontinuities,
        Double motionJump,
        Double motionFlank) {

    public boolean completed() { return status == ChallengeStatus.COMPLETED; }

    /** The named reason an uncompleted action failed, beside its status; null when there is none. */
    public String reason() {
        return !completed() && discontinuities != null && discontinuities > 0 ? "discontinuous_motion" : null;
    }

    static ChallengeOutcome notPrompted(Challenge c) {
        return new ChallengeOutcome(c, ChallengeStatus.NOT_PROMPTED, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
