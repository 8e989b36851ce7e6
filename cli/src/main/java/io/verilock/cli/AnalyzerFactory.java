package io.verilock.cli;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.face.FaceAnalyzers;

import java.util.function.Supplier;

/** How commands obtain the face analyzer; tests substitute a scripted one. */
@FunctionalInterface
public interface AnalyzerFactory extends Supplier<FaceAnalyzer> {
    AnalyzerFactory DEFAULT = () -> {
        ModelsCommand.prepare();
        return FaceAnalyzers.open(1);
    };
}
