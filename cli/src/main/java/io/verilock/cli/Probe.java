package io.verilock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reliability probe (issue #17): hostile requests over every route of a running server on loopback, each bounded
 * in time. A failure is any 5xx, any request unanswered within the bound (a hang), a server that stops answering
 * (a crash), a 4xx without a JSON {@code error.code}, a 429 without Retry-After, or an isolation breach (another
 * organisation's session answering anything but 404). {@link Report#passed()} says whether there was none.
 */
final class Probe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSIVE = "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"passive\"}}";
    private static final String ACTIVE = "{\"profile\": {\"steps\": [\"selfie\"], \"liveness_mode\": \"active\"}}";
    private static final String DOCUMENT = "{\"profile\": {\"steps\": [\"document\"]}}";

    record Settings(URI base, String key, String otherKey, int requests, int slowBodies, Duration timeout, long seed) {}

    /** What the probe found; failures are listed by kind with a few examples each. */
    static final class Report {
        final AtomicInteger requests = new AtomicInteger();
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final Map<String, List<String>> failures = new ConcurrentHashMap<>();
        final List<Long> bombMillis = Collections.synchronizedList(new ArrayList<>());
        volatile long slowHealthMaxMillis = -1;
        volatile int slowRefused;

        boolean passed() { return failures.isEmpty(); }

        int failureCount() { return failures.values().stream().mapToInt(List::size).sum(); }

        void fail(String kind, String example) {
            failures.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(example);
        }

        void print(PrintStream out) {
            out.printf("requests: %d%n", requests.get());
            out.printf("statuses: %s%n", new TreeMap<>(statuses));
            if (!bombMillis.isEmpty()) {
                List<Long> sorted = new ArrayList<>(bombMillis);
                Collections.sort(sorted);
                out.printf("png zTXt bomb (1.8 MB, inflates to 1.8 GB): refused in %d ms median, %d ms slowest of %d%n",
                        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
            }
            if (slowHealthMaxMillis >= 0) {
                out.printf("slow bodies open: /health slowest of 10 answers %d ms; %d slow bodies refused at once (per-client limit)%n",
                        slowHealthMaxMillis, slowRefused);
            }
            if (failures.isEmpty()) {
                out.println("result: PASSED (0 x 5xx, 0 hangs, 0 crashes, every 4xx with a JSON error, no isolation breach)");
            } else {
                out.printf("result: FAILED, %d problems%n", failureCount());
                failures.forEach((kind, examples) -> {
                    out.printf("  %s: %d%n", kind, examples.size());
                    examples.stream().limit(5).forEach(e -> out.println("    " + e));
                });
            }
        }
    }

    private final Settings s;
    private final Report report = new Report();
    private final HttpClient http;
    private final Random random;
    private final PrintStream log;

    Probe(Settings settings, PrintStream log) {
        this.s = settings;
        this.log = log;
        this.random = new Random(settings.seed());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    }

    /** Refuses anything but a loopback target: this traffic is hostile by design. */
    static void requireLoopback(URI base) throws IOException {
        if (base.getHost() == null || !InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("the probe only targets loopback addresses (127.0.0.1, ::1, localhost), not " + base);
        }
    }

    Report run() throws Exception {
        requireLoopback(s.base());
        long t0 = System.nanoTime();
        Fixture a = fixture(s.key());
        Fixture b = s.otherKey() == null ? null : fixture(s.otherKey());
        phase("routes", () -> routes(a, b));
        phase("images", () -> images());
        phase("transport", this::transport);
        if (b != null) phase("isolation", () -> isolation(a, b));
        phase("fuzz", () -> fuzz(a));
        phase("slow bodies", this::slowBodies);
        Res health = send("GET", "/health", null, null, null);
        if (health.status != 200) report.fail("crash", "/health answered " + health.status + " after the probe");
        log.printf("probe finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return report;
    }

    private interface Phase { void run() throws Exception; }

    private void phase(String name, Phase p) throws Exception {
        long t0 = System.nanoTime();
        int before = report.requests.get();
        p.run();
        log.printf("  %-12s %6d requests in %5.1f s%n", name, report.requests.get() - before, (System.nanoTime() - t0) / 1e9);
    }

    /** A session of each kind in one organisation. */
    private record Fixture(String key, String sessionId, String passiveToken, String activeToken, String documentToken) {}

    private Fixture fixture(String key) throws IOException {
        JsonNode doc = created(key, DOCUMENT);
        return new Fixture(key, doc.get("id").asText(), created(key, PASSIVE).get("client_token").asText(),
                created(key, ACTIVE).get("client_token").asText(), doc.get("client_token").asText());
    }

    private JsonNode created(String key, String body) throws IOException {
        Res r = send("POST", "/v1/sessions", key, "application/json", body.getBytes(StandardCharsets.UTF_8));
        if (r.status != 201) throw new IllegalStateException("cannot create a session with the given key: " + r.status + " " + r.body());
        return JSON.readTree(r.bytes);
    }

    record Res(int status, byte[] bytes, String retryAfter) {
        String body() { return new String(bytes, StandardCharsets.UTF_8); }
    }

    Res send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(URI.create(s.base().toString().replaceAll("/$", "") + path)).timeout(s.timeout());
        } catch (IllegalArgumentException e) {
            return new Res(-1, new byte[0], null); // a path java.net.URI will not send: nothing was sent
        }
        if (token != null) rb.header("Authorization", "Bearer " + token);
        if (contentType != null) rb.header("Content-Type", contentType);
        rb.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        report.requests.incrementAndGet();
        String what = method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path);
        try {
            HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            Res res = new Res(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
            check(what, res);
            return res;
        } catch (HttpTimeoutException e) {
            report.fail("hang (no answer within " + s.timeout().toSeconds() + " s)", what);
        } catch (IOException e) {
            report.fail("connection failed", what + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Res(-1, new byte[0], null);
    }

    private void check(String what, Res r) {
        report.statuses.computeIfAbsent(Integer.toString(r.status), k -> new AtomicInteger()).incrementAndGet();
        if (r.status >= 500) report.fail("5xx", what + " -> " + r.status + " " + abbreviate(r.body()));
        if (r.status >= 400 && r.status < 500 && !hasErrorCode(r.bytes)) {
            report.fail("4xx without a JSON error", what + " -> " + r.status + " " + abbreviate(r.body()));
        }
        if (r.status == 429 && r.retryAfter == null) report.fail("429 without Retry-After", what);
    }

    private static boolean hasErrorCode(byte[] body) {
        try {
            return JSON.readTree(body).path("error").path("code").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    // ---- phases -------------------------------------------------------------------------------------------------

    private static final String[][] ROUTES = {
            {"GET", "/health"}, {"GET", "/metrics"}, {"GET", "/v1/openapi.json"}, {"POST", "/v1/sessions"}, {"GET", "/v1/sessions"},
            {"GET", "/v1/sessions/{id}"}, {"GET", "/v1/sessions/{id}/evidence"}, {"GET", "/v1/sessions/{id}/evidence/1"},
            {"GET", "/v1/sessions/{id}/webhooks"}, {"POST", "/v1/sessions/{id}/review"}, {"POST", "/v1/workflows"},
            {"GET", "/v1/workflows"}, {"GET", "/v1/workflows/{id}"}, {"PATCH", "/v1/workflows/{id}"},
            {"POST", "/v1/webhook_endpoints"}, {"GET", "/v1/webhook_endpoints"}, {"DELETE", "/v1/webhook_endpoints/{id}"},
            {"GET", "/v1/client/session"}, {"POST", "/v1/client/session/document/front"}, {"POST", "/v1/client/capture"},
            {"POST", "/v1/client/capture/frames"}, {"POST", "/v1/client/selfie"}, {"POST", "/demo/sessions"},
            {"GET", "/demo/sessions/{id}"}, {"GET", "/"}, {"GET", "/dashboard"}, {"GET", "/sdk/verilock.js"},
            {"PUT", "/v1/sessions"}, {"DELETE", "/v1/sessions/{id}"}, {"GET", "/nope"}, {"TRACE", "/v1/sessions"}};

    private static final String[] IDS = {"ses_00000000-0000-0000-0000-000000000000", "%00", "ses_%00", "..%2F..%2Fetc%2Fpasswd",
            "%E2%80%AE", "%F0%9F%98%80", "wf_" + "x".repeat(3000), "'%20OR%201=1--", "-1", "99999999999999999999", "%25"};

    private void routes(Fixture a, Fixture b) {
        for (String[] route : ROUTES) {
            List<String> ids = new ArrayList<>(List.of(IDS));
            ids.add(a.sessionId());
            for (String id : ids) {
                String path = route[1].replace("{id}", id);
                for (String token : new String[] {null, "vl_live_wrong", a.key(), a.passiveToken(), b == null ? "x" : b.key()}) {
                    byte[] body = route[0].equals("GET") || route[0].equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8);
                    send(route[0], path, token, body == null ? null : "application/json", body);
                }
            }
        }
    }

    private void images() {
        Map<String, byte[]> images = HostileInputs.images(random);
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            String type = image.getValue().length > 1 && image.getValue()[1] == 'P' ? "image/png" : "image/jpeg";
            boolean bomb = image.getKey().contains("bomb");
            for (int round = 0; round < (bomb ? 5 : 1); round++) {
                for (String route : new String[] {"selfie", "frames", "document"}) {
                    String token;
                    try {
                        Fixture f = fixture(s.key());
                        token = route.equals("selfie") ? f.passiveToken() : route.equals("frames") ? f.activeToken() : f.documentToken();
                        if (route.equals("frames")) send("POST", "/v1/client/capture", token, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        report.fail("connection failed", "fixture: " + e);
                        return;
                    }
                    String path = switch (route) {
                        case "selfie" -> "/v1/client/selfie";
                        case "frames" -> "/v1/client/capture/frames";
                        default -> "/v1/client/session/document/front";
                    };
                    long t0 = System.nanoTime();
                    Res r = send("POST", path, token, type, image.getValue());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (bomb && !route.equals("document")) {
                        report.bombMillis.add(ms);
                        if (r.status < 400 || r.status >= 500) report.fail("png bomb not refused with a 4xx", path + " -> " + r.status);
                    }
                }
            }
        }
    }

    /** What HTTP client libraries will not send: raw requests on their own connections. */
    private void transport() throws IOException {
        String auth = "Authorization: Bearer " + s.key() + "\r\n";
        List<String> raw = new ArrayList<>();
        for (String size : new String[] {"ZZZ", "-1", "FFFFFFFFFFFFFFFFFFFF", "1;" + "x".repeat(9000), "0x10", " ", "7fffffff"}) {
            raw.add("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size + "\r\n{}\r\n0\r\n\r\n");
        }
        raw.add("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}{");
        raw.add("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: -3\r\n\r\n{}");
        raw.add("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 99999999999999999999\r\n\r\n{}");
        raw.add("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        raw.add("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(70_000) + "\r\n\r\n");
        raw.add("GARBAGE\r\n\r\n");
        raw.add("GET /v1/sessions?cursor=%zz HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /v1/sessions/%00 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        raw.add("GET /v1/sessions/\u0000 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 2000; i++) many.append("X-H").append(i).append(": v\r\n");
        raw.add(many.append("\r\n").toString());
        // A chunked body past the largest upload, streamed.
        StringBuilder big = new StringBuilder("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(65_536);
        for (int i = 0; i < 200; i++) big.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        raw.add(big.append("0\r\n\r\n").toString());
        for (String request : raw) rawExchange(request.replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n"), 0);
        // An HTTP version the server does not speak: 505 is the protocol's own answer, the one expected here.
        rawExchange("GET /v1/sessions HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", 505);
        // Aborts mid-body: the server must not count them as its own errors.
        for (int i = 0; i < 20; i++) rawExchange("POST /v1/sessions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 4000\r\n\r\n{\"profile\":", -1);
    }

    /** expected: -1 to close without reading an answer (an abort), 0 for the usual checks, else the one status expected. */
    private void rawExchange(String request, int expected) {
        boolean awaitAnswer = expected >= 0;
        report.requests.incrementAndGet();
        String what = "raw " + abbreviate(request.replace("\r\n", "\\r\\n"));
        try (Socket socket = new Socket(s.base().getHost(), port())) {
            socket.setSoTimeout((int) s.timeout().toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may refuse and close before reading it all (e.g. 431): read what it said.
            }
            if (!awaitAnswer) return;
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(64 * 1024);
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) return; // closed without an answer: Jetty's choice for some garbage, nothing to judge
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyAt = text.indexOf("\r\n\r\n");
            String retry = text.lines().filter(l -> l.regionMatches(true, 0, "Retry-After:", 0, 12)).findFirst().orElse(null);
            Res res = new Res(status, bodyAt < 0 ? new byte[0] : text.substring(bodyAt + 4).getBytes(StandardCharsets.ISO_8859_1), retry);
            if (expected > 0) {
                report.statuses.computeIfAbsent(Integer.toString(status), k -> new AtomicInteger()).incrementAndGet();
                if (status != expected || !hasErrorCode(res.bytes)) report.fail("unexpected answer", what + " -> " + status + " " + abbreviate(res.body()));
            } else {
                check(what, res);
            }
        } catch (java.net.SocketTimeoutException e) {
            report.fail("hang (no answer within " + s.timeout().toSeconds() + " s)", what);
        } catch (IOException | RuntimeException e) {
            if (awaitAnswer && !(e instanceof java.net.SocketException)) report.fail("connection failed", what + ": " + e);
        }
    }

    private int port() {
        return s.base().getPort() > 0 ? s.base().getPort() : 80;
    }

    private void isolation(Fixture a, Fixture b) {
        for (String[] route : new String[][] {{"GET", "/v1/sessions/{id}"}, {"GET", "/v1/sessions/{id}/evidence"},
                {"GET", "/v1/sessions/{id}/evidence/1"}, {"GET", "/v1/sessions/{id}/webhooks"}, {"POST", "/v1/sessions/{id}/review"}}) {
            String path = route[1].replace("{id}", a.sessionId());
            byte[] body = route[0].equals("POST") ? "{\"decision\": \"approved\"}".getBytes(StandardCharsets.UTF_8) : null;
            Res r = send(route[0], path, b.key(), body == null ? null : "application/json", body);
            if (r.status != 404) report.fail("isolation breach", "organisation B " + route[0] + " " + path + " -> " + r.status);
        }
        Res list = send("GET", "/v1/sessions?limit=100", b.key(), null, null);
        if (list.body().contains(a.sessionId())) report.fail("isolation breach", "organisation B's list shows A's session");
        // Duplicate-evidence oracle: B uploading bytes A stored must not hear that A has them.
        byte[] doc = HostileInputs.face();
        send("POST", "/v1/client/session/document/front", a.documentToken(), "image/jpeg", doc);
        Res other = send("POST", "/v1/client/session/document/front", b.documentToken(), "image/jpeg", doc);
        if (other.status == 409) report.fail("isolation breach", "organisation B told of A's evidence: 409 " + other.body());
        for (String token : new String[] {a.passiveToken(), a.documentToken()}) {
            Res r = send("GET", "/v1/sessions/" + b.sessionId(), token, null, null);
            if (r.status != 401) report.fail("isolation breach", "a client token read a session through the API: " + r.status);
        }
        Res clientWithKey = send("GET", "/v1/client/session", b.key(), null, null);
        if (clientWithKey.status != 401) report.fail("isolation breach", "a secret key used as a client token: " + clientWithKey.status);
    }

    /** Random parameters and bodies over the JSON routes until the request budget is spent, eight at a time. */
    private void fuzz(Fixture a) throws InterruptedException {
        int budget = Math.max(0, s.requests() - report.requests.get() - 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long seed = random.nextLong();
        for (int i = 0; i < budget; i++) {
            Random r = new Random(seed + i);
            pool.submit(() -> fuzzOne(a, r));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) report.fail("hang (fuzz phase did not finish)", "fuzz");
    }

    private void fuzzOne(Fixture a, Random r) {
        switch (r.nextInt(6)) {
            case 0 -> send("GET", "/v1/sessions?" + queryParam(r) + "&" + queryParam(r), a.key(), null, null);
            case 1 -> send("POST", "/v1/sessions", a.key(), "application/json", body(r));
            case 2 -> send("POST", "/v1/workflows", a.key(), "application/json", body(r));
            case 3 -> send("PATCH", "/v1/workflows/wf_" + r.nextInt(10), a.key(), "application/json", body(r));
            case 4 -> send("POST", "/v1/webhook_endpoints", a.key(), "application/json", body(r));
            default -> send("POST", "/v1/sessions/" + a.sessionId() + "/review", a.key(), "application/json", body(r));
        }
    }

    private static final String[] INSTANTS = {"2026-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+294277-01-01T00:00:00Z", "-4714-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-13-45T99:00:00Z",
            "nonsense", "", "2026-01-01T00:00:00\u0000Z"};

    private static String queryParam(Random r) {
        String value = switch (r.nextInt(4)) {
            case 0 -> INSTANTS[r.nextInt(INSTANTS.length)];
            case 1 -> Long.toString(r.nextLong());
            case 2 -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (switch (r.nextInt(4)) {
                        case 0 -> Long.MAX_VALUE + ":ses_00000000-0000-0000-0000-000000000000";
                        case 1 -> Long.MIN_VALUE + ":x";
                        case 2 -> r.nextLong() + ":ses_\u0000";
                        default -> randomText(r, 40);
                    }).getBytes(StandardCharsets.UTF_8));
            default -> randomText(r, r.nextInt(3) == 0 ? 3000 : 20);
        };
        String[] names = {"limit", "cursor", "status", "created_after", "created_before", "x"};
        return names[r.nextInt(names.length)] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] body(Random r) {
        String text = switch (r.nextInt(10)) {
            case 0 -> randomText(r, 200);
            case 1 -> "[".repeat(5000) + "]".repeat(5000);
            case 2 -> "{\"a\":" + "9".repeat(5000) + "}";
            case 3 -> "{\"name\": \"" + "\\u0000".repeat(1 + r.nextInt(3)) + "\"}";
            case 4 -> "{\"name\": \"" + "n".repeat(r.nextInt(200_000)) + "\"}";
            case 5 -> "{\"url\": \"" + randomUrl(r) + "\"}";
            case 6 -> "{\"profile\": " + randomJson(r, 4) + ", \"workflow_id\": " + randomJson(r, 1) + "}";
            case 7 -> "{\"decision\": " + randomJson(r, 1) + ", \"note\": " + randomJson(r, 2) + "}";
            case 8 -> randomJson(r, 5);
            default -> "{\"profile\": {\"steps\": " + randomJson(r, 2) + ", \"liveness_threshold\": " + randomJson(r, 0)
                    + ", \"liveness_challenges\": " + randomJson(r, 2) + "}}";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomUrl(Random r) {
        String[] urls = {"http://127.0.0.1/x", "https://169.254.169.254/latest", "https://[::1]/", "file:///etc/passwd",
                "https://example.com/" + "p".repeat(3000), "javascript:alert(1)", "https://exa\u0000mple.com/", "https://example.com:99999/"};
        return urls[r.nextInt(urls.length)];
    }

    private static String randomJson(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(r.nextBoolean());
            case 2 -> r.nextBoolean() ? Long.toString(r.nextLong()) : Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(400) - 200));
            case 3 -> "1e" + r.nextInt(100_000);
            case 4, 5 -> {
                String[] words = {"selfie", "document", "active", "passive", "api", "sdk", "head_left", "blink", "approved", "", "\\u0000"};
                yield "\"" + (r.nextInt(3) == 0 ? randomText(r, 10).replace("\\", "").replace("\"", "") : words[r.nextInt(words.length)]) + "\"";
            }
            case 6 -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = r.nextInt(4); i > 0; i--) b.append(randomJson(r, depth - 1)).append(i > 1 ? "," : "");
                yield b.append("]").toString();
            }
            default -> {
                String[] keys = {"steps", "channel", "liveness_mode", "liveness_threshold", "liveness_challenges", "name", "profile", "x"};
                StringBuilder b = new StringBuilder("{");
                for (int i = r.nextInt(4); i > 0; i--) {
                    b.append('"').append(keys[r.nextInt(keys.length)]).append("\":").append(randomJson(r, depth - 1)).append(i > 1 ? "," : "");
                }
                yield b.append("}").toString();
            }
        };
    }

    private static String randomText(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(32);
                case 1 -> 0xD800 + r.nextInt(0x800); // lone surrogates
                case 2 -> 0x80 + r.nextInt(0x700);
                default -> 32 + r.nextInt(95);
            };
            b.append((char) c);
        }
        return b.toString();
    }

    /** Many slow request bodies held open at once, then /health must still answer within a second. */
    private void slowBodies() throws IOException, InterruptedException {
        if (s.slowBodies() <= 0) return;
        String token;
        try {
            token = fixture(s.key()).passiveToken();
        } catch (IOException e) {
            report.fail("connection failed", "fixture: " + e);
            return;
        }
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < s.slowBodies(); i++) {
                Socket socket = new Socket(s.base().getHost(), port());
                socket.getOutputStream().write(("POST /v1/client/selfie HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Length: 1000000\r\n\r\n\u00ff").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                open.add(socket);
                report.requests.incrementAndGet();
            }
            long worst = 0;
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                Res health = send("GET", "/health", null, null, null);
                worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
                if (health.status != 200) report.fail("health failed under slow bodies", "status " + health.status);
            }
            report.slowHealthMaxMillis = worst;
            if (worst >= 1000) report.fail("health slower than 1 s under slow bodies", worst + " ms");
            int refused = 0;
            for (Socket socket : open) {
                if (socket.getInputStream().available() > 0) refused++;
            }
            report.slowRefused = refused;
        } finally {
            for (Socket socket : open) socket.close();
        }
    }

}
