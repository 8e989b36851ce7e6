package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verilock.engine.face.Subjects;
import io.verilock.engine.image.ImageInputException;
import io.verilock.engine.image.JpegComment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * `verilock loadtest`: N simulated SDK sessions streaming recorded frames at a fixed rate against a running server
 * (loopback only), reporting completed sessions per minute, per-frame answer latency p50/p99 and errors.
 * Every request carries a unique JPEG comment, since the server refuses frames it has already stored.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Stream frames from N concurrent simulated SDK sessions to a running server and report throughput and latency.")
final class LoadTestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server base URL on this machine (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", required = true, description = "An organisation API key (the demo key printed by serve).")
    String key;

    @Option(names = "--sessions", defaultValue = "10", description = "Concurrent sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--fps", defaultValue = "8", description = "Frames per second per session (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seconds", defaultValue = "60", description = "How long to run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--frames", paramLabel = "DIR", description = "Folder of recorded frames (default: the built-in subject).")
    Path framesDir;

    @Override
    public Integer call() throws Exception {
        URI base = URI.create(url);
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost())) {
            System.err.println("loadtest: --url must point at this machine (127.0.0.1 or localhost)");
            return 2;
        }
        List<byte[]> source = loadFrames();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        double[] dbBefore = frameDatabaseSeconds(http);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger(), errors = new AtomicInteger(), frames = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<?>> workers = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            List<byte[]> mine = source;
            workers.add(pool.submit(() -> {
                int round = 0;
                while (System.nanoTime() < deadline) {
                    if (runSession(http, mine, round++, deadline, latencies, frames, errors)) completed.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) w.get();
        pool.shutdown();

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double minutes = seconds / 60.0;
        System.out.printf(Locale.ROOT, "sessions %d at %.1f fps for %d s: %d frames answered, %d sessions completed (%.1f per minute), "
                        + "latency p50 %.1f ms, p99 %.1f ms, errors %d%n",
                sessions, fps, seconds, frames.get(), completed.get(), completed.get() / minutes,
                pct(sorted, 50), pct(sorted, 99), errors.get());
        double[] dbAfter = frameDatabaseSeconds(http);
        if (dbBefore != null && dbAfter != null && dbAfter[1] > dbBefore[1]) {
            System.out.printf(Locale.ROOT, "database time per frame request: %.2f ms (server's verilock_http_database_seconds)%n",
                    (dbAfter[0] - dbBefore[0]) * 1000 / (dbAfter[1] - dbBefore[1]));
        } else {
            System.out.println("database time per frame request: not available (server without verilock_http_database_seconds, or /metrics needs a token)");
        }
        return errors.get() == 0 ? 0 : 1;
    }

    private static final java.util.concurrent.atomic.AtomicInteger VARIANTS = new java.util.concurrent.atomic.AtomicInteger();

    /** The frame's content shifted by a step of 8 px on a 13 x 9 grid chosen by {@code n}: a new picture, the same motion. */
    static byte[] shifted(byte[] jpeg, int n) {
        new io.verilock.engine.image.ImageDecoder(); // loads OpenCV
        org.opencv.core.Mat image = org.opencv.imgcodecs.Imgcodecs.imdecode(new org.opencv.core.MatOfByte(jpeg), org.opencv.imgcodecs.Imgcodecs.IMREAD_COLOR);
        org.opencv.core.Mat shift = new org.opencv.core.Mat(2, 3, org.opencv.core.CvType.CV_64F);
        shift.put(0, 0, 1, 0, (n % 13) * 8 - 48, 0, 1, ((n / 13) % 9) * 8 - 32);
        org.opencv.core.Mat moved = new org.opencv.core.Mat();
        org.opencv.imgproc.Imgproc.warpAffine(image, moved, shift, image.size(), org.opencv.imgproc.Imgproc.INTER_LINEAR,
                org.opencv.core.Core.BORDER_REPLICATE);
        org.opencv.core.MatOfByte out = new org.opencv.core.MatOfByte();
        org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", moved, out, new org.opencv.core.MatOfInt(org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
        image.release();
        moved.release();
        return out.toArray();
    }

    /** One session from creation to its end (finished guidance) or the deadline; true when it finished. */
    private boolean runSession(HttpClient http, List<byte[]> frames, int round, long deadline, List<Long> latencies,
                               AtomicInteger answered, AtomicInteger errors) throws Exception {
        JsonNode created = post(http, "/v1/sessions", key,
                "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"active\"}}", "application/json", errors);
        if (created == null) return false;
        String token = created.get("client_token").asText();
        if (post(http, "/v1/client/capture", token, "{}", "application/json", errors) == null) return false;
        long interval = (long) (1_000_000_000L / fps);
        long next = System.nanoTime();
        String sessionTag = created.get("id").asText();
        // Another picture per session (the server refuses a picture another session of the organisation sent: a
        // replay), and unique bytes per request within it (it refuses stored bytes).
        int variant = VARIANTS.getAndIncrement();
        List<byte[]> mine = frames.stream().map(f -> shifted(f, variant)).toList();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            byte[] frame = JpegComment.with(mine.get(i % mine.size()), sessionTag + "/" + i);
            long t0 = System.nanoTime();
            JsonNode g = post(http, "/v1/client/capture/frames", token, frame, "image/jpeg", errors);
            latencies.add(System.nanoTime() - t0);
            answered.incrementAndGet();
            if (g == null) return false;
            if (g.path("finished").asBoolean()) return true;
            next += interval;
            long sleep = next - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        return false;
    }

    private JsonNode post(HttpClient http, String path, String bearer, Object body, String type, AtomicInteger errors)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] b ? HttpRequest.BodyPublishers.ofByteArray(b)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", type).POST(publisher).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            errors.incrementAndGet();
            System.err.println("loadtest: " + path + " -> " + res.statusCode() + " " + res.body());
            return null;
        }
        return JSON.readTree(res.body());
    }

    private List<byte[]> loadFrames() throws IOException, ImageInputException {
        if (framesDir == null) return List.of(Subjects.astronautFrameJpeg(640, 480));
        try (Stream<Path> s = Files.list(framesDir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) out.add(Files.readAllBytes(p));
            return out;
        }
    }

    /**
     * The server's total database seconds and request count for the frame route, from /metrics, or null when the
     * metric is not there (an older server, or VERILOCK_METRICS_TOKEN set).
     */
    private double[] frameDatabaseSeconds(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) return null;
            double sum = -1, count = -1;
            for (String line : res.body().split("\n")) {
                if (!line.contains("route=\"/v1/client/capture/frames\"")) continue;
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (line.startsWith("verilock_http_database_seconds_sum{")) sum = Double.parseDouble(value);
                if (line.startsWith("verilock_http_database_seconds_count{")) count = Double.parseDouble(value);
            }
            return sum < 0 ? new double[] {0, 0} : new double[] {sum, count};
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
