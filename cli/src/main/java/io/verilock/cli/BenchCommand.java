package io.verilock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FacePipeline;
import io.verilock.engine.face.FrameAnalysis;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.image.ImageInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * `verilock bench`: whole-frame analysis time (decode through every face analysed) and each model's inference time,
 * median and p90 after warm-up, single-threaded and with ONNX Runtime's default thread count.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure per-frame and per-model analysis time. Without IMAGE, uses a 640x480 JPEG of the built-in subject.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "IMAGE")
    List<Path> images = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Measure only this thread count (default: 1 and the default count).")
    Integer threads;

    @Option(names = "--frames", defaultValue = "300", description = "Measured frames per setting (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "30", description = "Unmeasured warm-up frames (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "One JSON object per thread setting.")
    boolean json;

    @Option(names = "--mode", defaultValue = "STILL", paramLabel = "MODE",
            description = "STILL: each frame on its own, every model (the whole-frame figure). VIDEO: the inputs as "
                    + "consecutive frames, faces followed between detections. STREAM: as the capture service treats a "
                    + "streamed frame (VIDEO without texture, which it measures on kept frames only). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    enum Mode { STILL, VIDEO, STREAM }

    @Override
    public Integer call() throws IOException, ImageInputException {
        List<byte[]> inputs = new ArrayList<>();
        for (Path p : images) inputs.add(Files.readAllBytes(p));
        if (inputs.isEmpty()) inputs.add(Subjects.astronautFrameJpeg(640, 480));
        int[] settings = threads != null ? new int[] {threads} : new int[] {1, Runtime.getRuntime().availableProcessors()};
        for (int t : settings) report(t, measure(t, inputs));
        return 0;
    }

    private Result measure(int threadCount, List<byte[]> inputs) throws ImageInputException {
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        List<Long> frameTimes = new ArrayList<>();
        List<Long> cpuTimes = new ArrayList<>();
        java.lang.management.ThreadMXBean threadsBean = ManagementFactory.getThreadMXBean();
        ModelsCommand.prepare();
        try (FacePipeline pipeline = new FacePipeline(AnalyzerSettings.defaults().withThreads(threadCount))) {
            FrameAnalysis previous = null;
            for (int i = 0; i < warmup; i++) previous = analyze(pipeline, inputs.get(i % inputs.size()), previous);
            pipeline.setTimer((stage, nanos) -> stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(nanos));
            resetPeaks();
            for (int i = 0; i < frames; i++) {
                long t = System.nanoTime(), c = threadsBean.getCurrentThreadCpuTime();
                previous = analyze(pipeline, inputs.get(i % inputs.size()), previous);
                frameTimes.add(System.nanoTime() - t);
                cpuTimes.add(threadsBean.getCurrentThreadCpuTime() - c);
            }
        }
        return new Result(threadCount, frameTimes, cpuTimes, stages, peakHeapMb());
    }

    private FrameAnalysis analyze(FacePipeline pipeline, byte[] frame, FrameAnalysis previous) throws ImageInputException {
        return switch (mode) {
            case STILL -> pipeline.analyzeBytes(frame);
            case VIDEO -> pipeline.analyzeBytes(frame, previous);
            case STREAM -> pipeline.analyzeStreamed(frame, previous);
        };
    }

    private void report(int threadCount, Result r) throws IOException {
        if (json) {
            ObjectNode n = JSON.createObjectNode();
            n.put("threads", threadCount);
            n.put("mode", mode.name().toLowerCase(Locale.ROOT));
            n.put("frames", frames);
            n.set("frame_ms", stats(r.frameTimes));
            n.set("frame_cpu_ms", stats(r.cpuTimes));
            ObjectNode models = n.putObject("models");
            r.stages.forEach((k, v) -> models.set(k, stats(v)));
            n.put("peak_heap_mb", Math.round(r.peakHeapMb * 10) / 10.0);
            System.out.println(JSON.writeValueAsString(n));
            return;
        }
        System.out.printf(Locale.ROOT, "%s, threads %d: whole frame median %.2f ms, p90 %.2f ms over %d frames (calling thread's CPU time: median %.2f ms); peak heap %.0f MB%n",
                mode.name().toLowerCase(Locale.ROOT), threadCount, percentile(r.frameTimes, 50), percentile(r.frameTimes, 90), frames, percentile(r.cpuTimes, 50), r.peakHeapMb);
        r.stages.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-10s median %6.2f ms  p90 %6.2f ms  (%d calls)%n",
                k, percentile(v, 50), percentile(v, 90), v.size()));
    }

    private ObjectNode stats(List<Long> nanos) {
        ObjectNode s = JSON.createObjectNode();
        s.put("median", Math.round(percentile(nanos, 50) * 1000) / 1000.0);
        s.put("p90", Math.round(percentile(nanos, 90) * 1000) / 1000.0);
        return s;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(List<Long> nanos, double p) {
        long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))] / 1e6;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    private static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum / (1024.0 * 1024.0);
    }

    /** cpuTimes: the calling thread's CPU time per frame; with one thread it is the wall time without other load. */
    private record Result(int threads, List<Long> frameTimes, List<Long> cpuTimes, Map<String, List<Long>> stages, double peakHeapMb) {}
}
