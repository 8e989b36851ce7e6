package io.verilock.engine.liveness;

import java.util.List;

/**
 * Everything a finished (or abandoned) challenge sequence leaves for scoring and storage.
 *
 * @param plan         the prompted order
 * @param config       the configuration the verifier ran with
 * @param state        {@link GuidanceState#DONE} or {@link GuidanceState#FAILED} once finished
 * @param stopReason   why it failed (baseline or challenge timeout, abandoned); null when done
 * @param baseline     the subject's neutral face; null if it was never established
 * @param outcomes     one per planned challenge, in plan order
 * @param kept         the 8-12 evidence frames in time order, each saying why it was kept
 * @param framesSeen   frames fed to the verifier
 * @param noFaceFrames frames without a face
 * @param severalFacesFrames frames with more than one face
 * @param repeatedFrames frames whose pixels repeated an earlier frame of the capture (no new evidence)
 */
public record Evidence<T>(ChallengePlan plan, LivenessConfig config, GuidanceState state, GuidanceReason stopReason,
                          Baseline baseline, List<ChallengeOutcome> outcomes, List<KeptFrame<T>> kept,
                          int framesSeen, int noFaceFrames, int severalFacesFrames, int repeatedFrames) {
    public Evidence {
        outcomes = List.copyOf(outcomes);
        kept = List.copyOf(kept);
    }

    /** Completed challenges in the order they were performed. */
    public List<Challenge> completedInOrder() {
        return outcomes.stream().filter(ChallengeOutcome::completed)
                .sorted(java.util.Comparator.comparing(ChallengeOutcome::completedAtMillis))
                .map(ChallengeOutcome::challenge).toList();
    }
}
