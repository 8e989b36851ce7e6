package io.verilock.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.face.FaceAnalyzer;
import io.verilock.engine.liveness.LivenessConfig;
import io.verilock.engine.liveness.LivenessJson;
import io.verilock.engine.liveness.eval.DetChart;
import io.verilock.engine.liveness.eval.EvalCase;
import io.verilock.engine.liveness.eval.EvalRunner;
import io.verilock.engine.liveness.eval.EvalSample;
import io.verilock.engine.liveness.eval.Evaluation;
import io.verilock.engine.liveness.eval.EvaluationReport;
import io.verilock.engine.liveness.eval.OperatingPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./verilock eval}: ISO/IEC 30107-3 error rates of liveness over a labelled CSV of recorded cases. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate liveness on a labelled dataset: APCER per attack species, BPCER, BPCER at APCER 1%%/5%%.",
                "CSV columns: " + EvalCase.HEADER + " (paths relative to the CSV, or to --data; challenges/order"
                        + " '|'-separated; label 'genuine' or an attack species)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:face analyzer unavailable or report not writable", "2:invalid usage or CSV"})
public final class EvalCommand implements Callable<Integer> {
    private final AnalyzerFactory analyzers;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET.csv") Path csv;

    @Option(names = "--threshold", paramLabel = "N", defaultValue = "75", description = "pass threshold 0-100 (default ${DEFAULT-VALUE})")
    int threshold;

    @Option(names = "--data", paramLabel = "DIR", description = "resolve CSV paths against DIR instead of the CSV's folder")
    Path data;

    @Option(names = "--report", paramLabel = "DIR", description = "write report.md, det.png and results.json to DIR")
    Path report;

    @Option(names = "--json", description = "print {threshold, bpcer, apcer, samples} as JSON (rates as fractions)")
    boolean json;

    public EvalCommand() { this(AnalyzerFactory.DEFAULT); }

    public EvalCommand(AnalyzerFactory analyzers) { this.analyzers = analyzers; }

    @Override
    public Integer call() throws IOException {
        if (threshold < 0 || threshold > 100) throw usage("--threshold must be 0..100, was " + threshold);
        if (!Files.isRegularFile(csv)) throw usage("no such dataset file: " + csv);
        List<EvalCase> cases;
        try {
            cases = EvalCase.read(csv);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path root = data != null ? data : csv.toAbsolutePath().getParent();
        if (!Files.isDirectory(root)) throw usage("--data is not a folder: " + root);
        LivenessConfig config = LivenessConfig.defaults().withThreshold(threshold);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();

        List<EvalRunner.Outcome> outcomes = new ArrayList<>();
        try (FaceAnalyzer analyzer = analyzers.get()) {
            for (EvalCase c : cases) {
                EvalRunner.Outcome o = EvalRunner.run(analyzer, c, root, config);
                if (o.error() != null) err.println("verilock eval: line " + c.line() + " " + c.path() + ": " + o.error());
                outcomes.add(o);
            }
        } catch (UnsupportedOperationException e) {
            err.println("verilock eval: face analyzer unavailable: " + e.getMessage());
            return 1;
        }
        List<EvalSample> samples = outcomes.stream().map(EvalRunner.Outcome::sample).toList();
        EvaluationReport r = Evaluation.evaluate(samples, threshold);
        if (report != null) writeReport(r, samples, outcomes);
        out.println(json ? LivenessJson.toJson(jsonSummary(r, samples)) : Evaluation.markdown(r, report == null ? null : "det.png"));
        out.flush();
        return 0;
    }

    private void writeReport(EvaluationReport r, List<EvalSample> samples, List<EvalRunner.Outcome> outcomes) throws IOException {
        Files.createDirectories(report);
        DetChart.write(Evaluation.curve(samples), Evaluation.pooledCurve(samples),
                r.apcerMax() == null || r.bpcer() == null ? null : new OperatingPoint(threshold, r.apcerMax(), r.bpcer()),
                report.resolve("det.png"));
        Files.writeString(report.resolve("report.md"), Evaluation.markdown(r, "det.png"));
        ArrayNode results = LivenessJson.mapper().createArrayNode();
        for (EvalRunner.Outcome o : outcomes) {
            ObjectNode n = results.addObject();
            n.put("path", o.testCase().path());
            n.put("label", o.testCase().label());
            if (o.result() != null) n.set("selfie", LivenessJson.mapper().valueToTree(o.result()));
            else n.put("error", o.error());
        }
        Files.writeString(report.resolve("results.json"), LivenessJson.toJson(results));
    }

    private ObjectNode jsonSummary(EvaluationReport r, List<EvalSample> samples) {
        ObjectNode root = LivenessJson.mapper().createObjectNode();
        root.put("threshold", threshold);
        if (r.bpcer() == null) root.putNull("bpcer"); else root.put("bpcer", r.bpcer());
        ObjectNode apcer = root.putObject("apcer");
        r.apcer().forEach(apcer::put);
        ArrayNode list = root.putArray("samples");
        for (EvalSample s : samples) {
            ObjectNode n = list.addObject();
            n.put("path", s.path());
            n.put("label", s.label());
            n.put("score", s.score());
            n.put("passed", s.acceptedAt(threshold));
        }
        return root;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
