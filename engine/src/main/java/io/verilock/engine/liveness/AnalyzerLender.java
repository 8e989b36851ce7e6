package io.verilock.engine.liveness;

import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.image.ImageInputException;

/**
 * Lends a {@link FaceAnalyzer} for one unit of work. Analyzers are not thread-safe and costly to load, so a service
 * keeps a pool of them and implements this; a command line tool lends its one analyzer with {@link #of}.
 */
public interface AnalyzerLender {

    /** Work done with a borrowed analyzer, which must not escape it. */
    interface Work<R> {
        R run(FaceAnalyzer analyzer) throws ImageInputException;
    }

    <R> R with(Work<R> work) throws ImageInputException;

    /** Lends the one analyzer given (the caller keeps it to one thread and closes it). */
    static AnalyzerLender of(FaceAnalyzer analyzer) {
        return new AnalyzerLender() {
            @Override
            public <R> R with(Work<R> work) throws ImageInputException {
                return work.run(analyzer);
            }
        };
    }
}
