/**
 * Active and passive face liveness: which challenges to prompt, whether they were performed, and how live the
 * evidence looks. No HTTP or database types; the service moves frames in and results out.
 *
 * <h2>Driving one live session</h2>
 * <pre>{@code
 * LivenessConfig config = LivenessConfig.defaults().withThreshold(profileThreshold);
 * ChallengePlan plan = ChallengePlan.random(profileChallenges);          // SecureRandom order per session
 * LivenessSession<FrameRef> session = new LivenessSession<>(plan, config, analyzerPool); // pool: an AnalyzerLender
 *
 * // for each streamed frame, in time order (the session takes one frame at a time):
 * LivenessSession.Step step = session.accept(captureMillis, jpeg, frameRef);
 * Guidance g = step.guidance();                                          // prompt, progress, state, reason
 * // step.held(): the frame may become evidence (persist it); step.texture() was measured on it
 * if (g.finished()) {                                                    // DONE or FAILED
 *     LivenessResult result = session.result();                          // score, bands, decision()
 *     List<KeptFrame<FrameRef>> kept = session.evidence().kept();        // the 8-12 evidence frames
 * }
 * // client gone or session deadline: session.abandon(nowMillis), then result() as above
 * }</pre>
 * Passive: {@code new LivenessScorer(config).scorePassive(analyzer.analyzeBytes(photo))}.
 *
 * <h2>Decisions and where they live</h2>
 * <ul>
 * <li>{@link io.verilock.engine.liveness.LivenessSession} is one capture: analysis on a borrowed analyzer, texture on
 *     the frames it keeps, the verifier, the decision.</li>
 * <li>{@link io.verilock.engine.liveness.ChallengeVerifier} decides whether each challenge was done: neutral
 *     baseline first, then one prompt at a time, each action watched for only after its prompt and only once the
 *     face is not already doing it; a timeout ends the sequence.</li>
 * <li>{@link io.verilock.engine.liveness.LivenessScorer} turns evidence into the spec's scores and caps.</li>
 * <li>{@link io.verilock.engine.liveness.LivenessConfig} holds every threshold, with the reason for each default.</li>
 * <li>{@link io.verilock.engine.liveness.RecordedSequence} replays recorded frames (CLI, evaluation).</li>
 * </ul>
 */
package io.verilock.engine.liveness;
