package io.verilock.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.verilock.engine.liveness.Challenge;
import io.verilock.engine.liveness.LivenessJson;
import io.verilock.engine.liveness.LivenessResult;

/** Maps the engine's liveness result onto the service's engine-independent {@link SelfieResult}. */
final class SelfieResults {
    private SelfieResults() {}

    static SelfieResult of(LivenessResult r) {
        JsonNode analysis = LivenessJson.mapper().valueToTree(r.analysis());
        return new SelfieResult(
                r.livenessMode().code(),
                r.livenessScore(),
                r.livenessPassed(),
                r.livenessThreshold(),
                r.challengesCompleted() == null ? java.util.List.of() : r.challengesCompleted().stream().map(Challenge::code).toList(),
                r.framesCaptured(),
                r.poseVariationScore(),
                r.expressionVariationScore(),
                analysis,
                r.decision().code());
    }
}
