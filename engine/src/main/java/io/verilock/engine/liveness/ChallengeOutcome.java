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
        Integer wrongDirectionFrames) {

    public boolean completed() { return status == ChallengeStatus.COMPLETED; }

    static ChallengeOutcome notPrompted(Challenge c) {
        return new ChallengeOutcome(c, ChallengeStatus.NOT_PROMPTED, null, null, null, null, null, null, null, null, null);
    }
}
