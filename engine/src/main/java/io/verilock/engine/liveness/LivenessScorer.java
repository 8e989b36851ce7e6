package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceObservation;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.liveness.LivenessAnalysis.ChallengeReport;
import io.verilock.engine.liveness.LivenessAnalysis.FrameReport;
import io.verilock.engine.liveness.LivenessAnalysis.GeometryReport;
import io.verilock.engine.liveness.LivenessAnalysis.TextureReport;
import io.verilock.engine.liveness.LivenessAnalysis.PassiveQuality;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns evidence into the spec's scores.
 *
 * <ul>
 * <li>Each prompted challenge earns 0 if not completed; if completed, 80 at the bare pass criterion rising linearly
 *     to 100 at the full-credit measure (turn angle, blink depth, smile rise from the kept peak frame vs baseline).
 *     80 means a person who merely met every criterion clears the default threshold of 75 with a margin.</li>
 * <li>{@code pose_variation_score} = mean over prompted head turns; {@code expression_variation_score} = mean over
 *     prompted smile/blink; {@code liveness_score} = 0.5 pose + 0.5 expression. A plan exercising one factor only
 *     (e.g. smile+blink) scores on that factor alone; the other is left out (null) and a note says so.</li>
 * <li>Caps (each a {@link Deduction}): any prompted challenge not completed, a confident texture spoof (median
 *     {@code texture.live} over kept frames below {@code textureSpoofThreshold}, or the {@code spoof_confident} cue on
 *     at least half of them) and landmarks moving like a flat
 *     picture each cap the score at 49, the spec's spoof band. No neutral baseline gives 0.</li>
 * </ul>
 */
public final class LivenessScorer {
    static final double SPOOF_CAP = 49;
    private final LivenessConfig config;

    public LivenessScorer(LivenessConfig config) {
        this.config = config;
    }

    /** Scores a finished active sequence. */
    public LivenessResult score(Evidence<?> evidence) {
        List<Deduction> deductions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Baseline base = evidence.baseline();
        Map<Challenge, Double> credit = new EnumMap<>(Challenge.class);
        List<ChallengeReport> reports = new ArrayList<>();
        for (ChallengeOutcome o : evidence.outcomes()) {
            double s = base == null ? 0 : credit(o, evidence);
            credit.put(o.challenge(), s);
            reports.add(ChallengeReport.of(o, round(s)));
        }
        Double pose = factor(evidence.plan(), Challenge.Factor.POSE, credit);
        Double expression = factor(evidence.plan(), Challenge.Factor.EXPRESSION, credit);
        double score;
        if (pose != null && expression != null) score = 0.5 * pose + 0.5 * expression;
        else {
            score = pose != null ? pose : expression;
            notes.add((pose == null ? "pose_variation_score" : "expression_variation_score")
                    + " not applicable: the plan prompts no " + (pose == null ? "head turn" : "smile or blink")
                    + "; liveness_score is the exercised factor alone");
        }
        if (base == null) {
            score = 0;
            deductions.add(new Deduction("baseline_not_established",
                    "no still, frontal, open-eyed, neutral face within " + config.baselineTimeoutMillis() + " ms", 0.0));
        }
        List<Challenge> missing = evidence.outcomes().stream().filter(o -> !o.completed())
                .map(ChallengeOutcome::challenge).toList();
        if (!missing.isEmpty() && base != null) {
            score = Math.min(score, SPOOF_CAP);
            deductions.add(new Deduction("challenge_not_completed", "not completed: "
                    + missing.stream().map(Challenge::code).toList() + " (" + stopText(evidence) + ")", SPOOF_CAP));
        }
        List<ChallengeOutcome> swapped = evidence.outcomes().stream().filter(o -> o.reason() != null).toList();
        if (!swapped.isEmpty() && base != null) {
            score = Math.min(score, SPOOF_CAP);
            deductions.add(new Deduction("discontinuous_motion", "reached only through a step between still pictures"
                    + " (still, one jump, still: a photo swapped in, not a moving head): "
                    + swapped.stream().map(o -> o.challenge().code()).toList(), SPOOF_CAP));
        }
        if (evidence.framesSeen() > 0
                && evidence.repeatedFrames() > config.repeatMaxShare() * evidence.framesSeen()) {
            score = Math.min(score, SPOOF_CAP);
            deductions.add(new Deduction("repeated_frames", String.format(java.util.Locale.ROOT,
                    "%d of %d frames repeat an earlier frame's pixels (more than %.0f%%): a frozen or looped feed",
                    evidence.repeatedFrames(), evidence.framesSeen(), 100 * config.repeatMaxShare()), SPOOF_CAP));
        }
        TextureReport texture = texture(evidence.kept().stream().map(KeptFrame::observation).toList());
        if (texture != null && texture.confidentSpoof()) {
            score = Math.min(score, SPOOF_CAP);
            deductions.add(new Deduction("texture_spoof", String.format(java.util.Locale.ROOT,
                    "confident texture spoof: median texture.live %.3f over %d kept frames (threshold %.2f), or the spoof_confident cue on at least half of them",
                    texture.medianLive(), evidence.kept().size(), config.textureSpoofThreshold()), SPOOF_CAP));
        }
        GeometryReport geometry = geometry(evidence);
        if (Boolean.TRUE.equals(geometry.flat())) {
            score = Math.min(score, SPOOF_CAP);
            deductions.add(new Deduction("planar_landmarks", String.format(java.util.Locale.ROOT,
                    "landmarks moved like a flat picture: homography residual %.4f of face width <= %.4f across %.1f degrees of yaw",
                    geometry.residual(), config.planarResidualMax(), geometry.maxYawDifference()), SPOOF_CAP));
        }
        score = round(score);
        LivenessAnalysis analysis = new LivenessAnalysis(LivenessBand.of(score), evidence.state(),
                evidence.stopReason(), evidence.plan().order(), base, reports, frames(evidence.kept()), texture,
                geometry, deductions, notes, evidence.framesSeen(), evidence.noFaceFrames(),
                evidence.severalFacesFrames(), evidence.repeatedFrames(), config, null);
        return new LivenessResult(LivenessMode.ACTIVE, score, score >= config.threshold(), config.threshold(),
                evidence.completedInOrder(), evidence.kept().size(), pose == null ? null : round(pose),
                expression == null ? null : round(expression), analysis);
    }

    /**
     * Scores one photo: the fused MiniFASNet probability ({@code texture.live}) mapped so that
     * {@code passiveLiveAt75} scores 75, linearly to 0 and to 100 on either side; 0 without a face. A photo the
     * model cannot judge is not a verdict: a quality problem (any capture flag, a head turned beyond
     * {@code passiveMaxYawDeg}, a face wider than {@code passiveMaxFaceWidthRatio} of the photo, several faces)
     * asks for a retake and keeps the score in the review band (50-74), as does a missing anti-spoofing model. Only the classical confident-spoof veto ({@code spoof_confident}: a picture frame around the face)
     * still declines a photo of poor quality.
     */
    public LivenessResult scorePassive(FrameAnalysis analysis) {
        List<Deduction> deductions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("passive: one photo scored by the MiniFASNet anti-spoofing model and the classical texture cues; no challenges");
        if (analysis.faces().isEmpty()) {
            deductions.add(new Deduction("no_face", "no face found in the photo", 0.0));
            PassiveQuality q = new PassiveQuality(true, List.of(GuidanceReason.NO_FACE), null, null);
            LivenessAnalysis a = new LivenessAnalysis(LivenessBand.SPOOF, null, null, null, null, null, List.of(), null,
                    null, deductions, notes, null, null, null, null, config, q);
            return new LivenessResult(LivenessMode.PASSIVE, 0, false, config.threshold(), null, 1, null, null, a);
        }
        FaceObservation o = analysis.faces().get(0);
        boolean model = o.texture().cues().containsKey("minifasnet");
        boolean vetoed = o.texture().cues().getOrDefault("spoof_confident", 0.0) >= 0.5;
        double score = passiveScore(clamp(o.texture().live()));
        double cap = config.passiveQualityCap();
        if (analysis.faces().size() > 1) {
            score = Math.min(score, cap);
            deductions.add(new Deduction("several_faces", analysis.faces().size()
                    + " faces in the photo; the largest was judged", cap));
        }
        PassiveQuality quality = quality(o);
        if (quality.retake() && !vetoed) {
            score = Math.max(config.reviewFloor(), Math.min(score, cap));
            deductions.add(new Deduction("capture_quality", "retake needed " + quality.reasons().stream()
                    .map(GuidanceReason::code).toList() + ": the anti-spoofing model cannot judge this photo", cap));
        }
        if (!model && !vetoed) {
            score = Math.max(config.reviewFloor(), Math.min(score, cap));
            deductions.add(new Deduction("anti_spoofing_model_missing", "the MiniFASNet model files are not installed "
                    + "(`./verilock models fetch`); a passive photo is not decided without them", cap));
        }
        TextureReport texture = texture(List.of(o));
        if (vetoed) {
            deductions.add(new Deduction("texture_spoof", "the face is framed like a picture (spoof_confident)", null));
        } else if (texture.confidentSpoof()) {
            deductions.add(new Deduction("texture_spoof", String.format(java.util.Locale.ROOT,
                    "texture.live %.3f is below the confident-spoof threshold %.2f", o.texture().live(),
                    config.textureSpoofThreshold()), null));
        }
        score = round(score);
        LivenessAnalysis a = new LivenessAnalysis(LivenessBand.of(score), null, null, null, null, null,
                frames(List.of(new KeptFrame<>(0, KeepReason.PASSIVE, null, o, null))), texture, null, deductions,
                notes, null, null, null, null, config, quality);
        return new LivenessResult(LivenessMode.PASSIVE, score, score >= config.threshold(), config.threshold(), null,
                1, null, null, a);
    }

    /** 0..100 from the fused probability: {@code passiveLiveAt75} maps to 75, linear on either side. */
    double passiveScore(double live) {
        double t = config.passiveLiveAt75();
        return live < t ? 75 * live / t : 75 + 25 * (live - t) / (1 - t);
    }

    /** What would make the photo unjudgeable, as the guidance reasons the SDK shows (empty: usable). */
    private PassiveQuality quality(FaceObservation o) {
        List<GuidanceReason> reasons = new ArrayList<>();
        for (var f : o.quality().flags()) reasons.add(GuidanceReason.of(f)); // several_faces: "one person alone"
        if (o.quality().faceWidthRatio() > config.passiveMaxFaceWidthRatio() && !reasons.contains(GuidanceReason.FACE_TOO_LARGE)) {
            reasons.add(GuidanceReason.FACE_TOO_LARGE);
        }
        if (Math.abs(o.pose().yaw()) > config.passiveMaxYawDeg()) reasons.add(GuidanceReason.LOOK_STRAIGHT);
        return new PassiveQuality(!reasons.isEmpty(), reasons, round(o.quality().faceWidthRatio() * 1000) / 1000.0,
                round(o.pose().yaw()));
    }

    /** Credit 0-100 for one challenge, measured on its kept frames against the baseline. */
    private double credit(ChallengeOutcome o, Evidence<?> e) {
        if (!o.completed()) return 0;
        Baseline b = e.baseline();
        List<FaceObservation> mine = e.kept().stream().filter(k -> k.challenge() == o.challenge())
                .map(KeptFrame::observation).toList();
        return switch (o.challenge()) {
            case HEAD_LEFT, HEAD_RIGHT -> {
                double sign = o.challenge() == Challenge.HEAD_LEFT ? -1 : 1;
                double change = mine.stream().mapToDouble(f -> sign * (f.pose().yaw() - b.yaw())).max().orElse(0);
                yield completedCredit(change, config.turnAngleDeg(), config.turnFullCreditDeg());
            }
            case BLINK -> {
                double min = mine.stream().mapToDouble(f -> f.eyes().mean()).min().orElse(b.eyeOpenness());
                yield completedCredit(1 - min / b.eyeOpenness(), 1 - config.blinkClosedRatio(),
                        config.blinkFullCreditDepth());
            }
            case SMILE -> {
                double peak = mine.stream().mapToDouble(FaceObservation::smile).max().orElse(b.smile());
                yield completedCredit(peak - b.smile(), config.smileRise(), config.smileFullCreditRise());
            }
        };
    }

    static double completedCredit(double measure, double pass, double full) {
        return 80 + 20 * clamp((measure - pass) / (full - pass));
    }

    private static Double factor(ChallengePlan plan, Challenge.Factor f, Map<Challenge, Double> credit) {
        if (!plan.exercises(f)) return null;
        return plan.order().stream().filter(c -> c.factor() == f).mapToDouble(credit::get).average().orElse(0);
    }

    private TextureReport texture(List<FaceObservation> faces) {
        faces = faces.stream().filter(f -> f.texture().measured()).toList();
        if (faces.isEmpty()) return null;
        double[] live = faces.stream().mapToDouble(f -> f.texture().live()).toArray();
        double median = ChallengeVerifier.median(live);
        double min = java.util.Arrays.stream(live).min().orElse(median);
        // docs/TEXTURE.md's veto rule: the confident-spoof cue (straight edges on opposite sides and a print-like
        // colour texture) on at least half the frames; one such frame alone is not enough.
        long confident = faces.stream().filter(f -> f.texture().cues().getOrDefault("spoof_confident", 0.0) >= 0.5).count();
        boolean veto = median < config.textureSpoofThreshold() || 2 * confident >= faces.size();
        return new TextureReport(round3(median), round3(min), config.textureSpoofThreshold(), veto);
    }

    private GeometryReport geometry(Evidence<?> e) {
        List<KeptFrame<?>> base = new ArrayList<>();
        List<KeptFrame<?>> turned = new ArrayList<>();
        for (KeptFrame<?> k : e.kept()) {
            if (k.why() == KeepReason.BASELINE) base.add(k);
            else if (k.why() == KeepReason.TURN_PEAK) turned.add(k);
        }
        int pairs = 0;
        double maxYaw = 0;
        Double worst = null; // the largest residual is the strongest evidence of depth
        for (KeptFrame<?> b : base) {
            for (KeptFrame<?> t : turned) {
                double dy = Math.abs(t.observation().pose().yaw() - b.observation().pose().yaw());
                if (dy < config.planarMinYawDeg()) continue;
                OptionalDouble r = PlanarityCheck.residual(b.observation().landmarks(), t.observation().landmarks());
                if (r.isEmpty()) continue;
                pairs++;
                maxYaw = Math.max(maxYaw, dy);
                worst = worst == null ? r.getAsDouble() : Math.max(worst, r.getAsDouble());
            }
        }
        if (worst == null) {
            String why = !PlanarityCheck.available() ? "OpenCV native library unavailable on this platform"
                    : "no baseline/turned frame pair " + config.planarMinYawDeg() + " degrees of yaw apart";
            return new GeometryReport(0, null, null, config.planarResidualMax(), null, "not measured: " + why);
        }
        boolean flat = worst <= config.planarResidualMax();
        return new GeometryReport(pairs, round(maxYaw), round4(worst), config.planarResidualMax(), flat,
                flat ? "landmarks follow one homography: a flat picture" : "parallax between views: a 3-D head");
    }

    private static List<FrameReport> frames(List<? extends KeptFrame<?>> kept) {
        return kept.stream().map(k -> {
            FaceObservation o = k.observation();
            return new FrameReport(k.timestampMillis(), k.why(), k.challenge(), round(o.pose().yaw()),
                    round(o.pose().pitch()), round(o.pose().roll()), round3(o.eyes().leftOpen()),
                    round3(o.eyes().rightOpen()), round3(o.smile()), round3(o.texture().live()),
                    o.quality().flags().stream().map(f -> f.code()).toList(), pixels(o.landmarks()));
        }).toList();
    }

    private static int[][] pixels(io.verilock.engine.face.Landmarks m) {
        int[][] out = new int[m.size()][];
        for (int i = 0; i < m.size(); i++) out[i] = new int[] {(int) Math.round(m.x(i)), (int) Math.round(m.y(i))};
        return out;
    }

    private static String stopText(Evidence<?> e) {
        return e.stopReason() == null ? "sequence unfinished" : e.stopReason().code();
    }

    static double clamp(double v) { return Math.max(0, Math.min(1, v)); }

    static double round(double v) { return Math.round(v * 10) / 10.0; }

    static double round3(double v) { return Math.round(v * 1000) / 1000.0; }

    static double round4(double v) { return Math.round(v * 10000) / 10000.0; }
}
