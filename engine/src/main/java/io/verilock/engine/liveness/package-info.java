/**
 * Active and passive face liveness: which challenges to prompt, whether they were performed, and how live the
 * evidence looks. No HTTP or database types; the service moves frames in and results out.
 *
 * <h2>Driving one live session</h2>
 * <pre>{@code
 * LivenessConfig config = LivenessConfig.defaults().withThreshold(profileThreshold);
 * ChallengePlan plan = ChallengePlan.random(profileChallenges);          // SecureRandom order per session
 * ChallengeVerifier<FrameRef> verifier = new ChallengeVerifier<>(plan, config);
 *
 * // for each streamed frame, in time order:
 * FrameAnalysis analysis = analyzer.analyzeBytes(jpeg);
 * Guidance g = verifier.accept(timestampMillis, analysis, frameRef);    // prompt, progress, state, reason
 * if (g.finished()) {                                                    // DONE or FAILED
 *     Evidence<FrameRef> evidence = verifier.evidence();                 // kept frames: persist evidence.kept()
 *     LivenessResult result = new LivenessScorer(config).score(evidence);
 *     String selfieJson = LivenessJson.toJson(result);
 * }
 * // client gone or session deadline: verifier.abandon(nowMillis), then evidence() and score as above
 * }</pre>
 * Passive: {@code new LivenessScorer(config).scorePassive(analyzer.analyzeBytes(photo))}.
 *
 * <h2>Decisions and where they live</h2>
 * <ul>
 * <li>{@link io.verilock.engine.liveness.ChallengeVerifier} decides whether each challenge was done: neutral
 *     baseline first, then one prompt at a time, each action watched for only after its prompt and only once the
 *     face is not already doing it; a timeout ends the sequence.</li>
 * <li>{@link io.verilock.engine.liveness.LivenessScorer} turns evidence into the spec's scores and caps.</li>
 * <li>{@link io.verilock.engine.liveness.LivenessConfig} holds every threshold, with the reason for each default.</li>
 * <li>{@link io.verilock.engine.liveness.RecordedSequence} replays recorded frames (CLI, evaluation).</li>
 * </ul>
 */
package io.verilock.engine.liveness;
