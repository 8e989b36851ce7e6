package io.verilock.service;

import io.verilock.engine.face.AnalyzerSettings;
import io.verilock.engine.face.FaceAnalyzers;
import io.verilock.engine.model.ModelStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Verilock HTTP service: {@code VerilockServer.start(Config.fromEnv())}, then {@link #stop()}. */
public final class VerilockServer {
    private static final Logger log = LoggerFactory.getLogger(VerilockServer.class);
    static final String DEMO_ORG_ID = "org_demo";
    private static final Pattern SESSION_PATH = Pattern.compile("^/v1/sessions/(ses_[0-9a-f-]{36})(/.*)?$");
    private static final String STARTED_AT = "verilock.started";
    /**
     * The one Content-Security-Policy of every response; what the pages need (sdk/: demo page, dashboard, Web SDK):
     * module scripts and stylesheets from this origin only (no inline script or style: the SDK styles itself through
     * a constructed stylesheet), fetch to this origin, evidence images as blob: URLs in the dashboard. The camera
     * preview is a MediaStream (srcObject), which no fetch directive governs. No framing, no base, forms to self.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** What the demo switch hides: the demo page, its server side and its static files. */
    private static final Pattern DEMO_PATH = Pattern.compile("^/$|^/demo(/.*)?$|^/sdk/demo(/.*)?$");
    /** Repeated slashes, which Jetty's resource lookup ignores: /demo//x must be hidden as /demo/x is. */
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    /** A registered route; the OpenAPI test checks each one is documented. */
    public record Route(String method, String path) {}

    private final Config config;
    private final Database db;
    private final Organisations organisations;
    private final EvidenceStorage evidenceStorage;
    private final EvidenceStore evidence;
    private final Webhooks webhooks;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final MetricsAuth metricsAuth;
    private final SessionFinalizer finalizer;
    private final List<Route> routes = new ArrayList<>();
    private final List<RoutePattern> routePatterns = new ArrayList<>();
    private final String demoApiKey;
    private final TestHooks hooks;
    private final AnalyzerPool analyzers;
    /** Null when the anti-spoofing model is available, else the one line saying what is missing (for /health). */
    private final String modelMissing;
    private CaptureApi captureApi;
    private Javalin app;
    private volatile String baseUrl;

    private VerilockServer(Config config, TestHooks hooks) {
        this.config = config;
        this.hooks = hooks;
        this.metricsAuth = new MetricsAuth(config.metricsToken());
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The anti-spoofing model files are fetched on first use; without them the service still starts, says so in
        // one line, reports degraded health and never decides a passive session (LivenessScorer: needs_review).
        ModelStore models = hooks.modelStore();
        modelMissing = models.prepare(ModelStore.fetchAllowed());
        if (modelMissing != null) log.warn(modelMissing);
        analyzers = new AnalyzerPool(Runtime.getRuntime().availableProcessors(), hooks.analyzers() != null
                ? hooks.analyzers() : () -> FaceAnalyzers.open(AnalyzerSettings.defaults(), models));
        db = new Database(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbSchema());
        organisations = new Organisations(db, config.clock());
        evidenceStorage = EvidenceStorage.open(config.evidence(), config.dataDir());
        log.info("evidence stored in {}", evidenceStorage.describe());
        evidence = new EvidenceStore(db, evidenceStorage, config.clock());
        webhooks = new Webhooks(db, config.clock(), config.webhookMaxAttempts(), config.webhookBackoff(), config.webhookTimeout(),
                config.webhookAllowPrivate(), config.webhookPoll());
        Sessions sessions = new Sessions(db);
        ClientTokens tokens = new ClientTokens(db);
        finalizer = new SessionFinalizer(db, sessions, tokens, webhooks, metrics, config.clock());
        webhooks.start((organisationId, sessionId) ->
                sessions.find(organisationId, sessionId, config.clock().instant()).map(Json::write));
        demoApiKey = createDemoOrganisation();

        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            // The browser assets of sdk/ (Web SDK, demo page, dashboard), packaged under /public/sdk.
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/public";
                sf.location = io.javalin.http.staticfiles.Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache");
            });
            // Uploads are read whole; our own check turns an oversized body into a JSON 413.
            cfg.http.maxRequestSize = Math.max(config.maxUploadBytes(), CaptureApi.MAX_FRAME_BYTES) + 1L;
            // Jetty's limits, chosen (service/README.md, "Limits"): a bounded thread pool; connections idle (or a
            // body stalled) this long are closed. Jetty's minimum request data rate is not used: it counts from the
            // body's first byte to the handler's read, so a small body read late on a busy server failed with 408.
            Config.Limits limits = config.limits();
            QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()));
            threads.setName("verilock-http");
            cfg.jetty.threadPool = threads;
            // Javalin answers a client that went away (writing the response failed) and an async timeout with 500 by
            // default: neither is the server's fault, so neither is counted as one.
            cfg.jetty.clientAbortStatus = 400;
            cfg.jetty.timeoutStatus = 408;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(limits.idleTimeout().toMillis());
                http.setSendServerVersion(false);
            });
            cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new RequestLimits(limits, cfg.http.maxRequestSize)), "/*", EnumSet.of(DispatcherType.REQUEST)));
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(config.shutdownDrain().toMillis());
                // Jetty drains in-flight requests on stop only through a StatisticsHandler; Javalin sets its own
                // handler later, so wrap it as the server starts.
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        if (!(server.getHandler() instanceof StatisticsHandler)) server.insertHandler(new StatisticsHandler());
                        for (var connector : server.getConnectors()) {
                            if (connector instanceof AbstractConnector c) c.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                });
            });
        });
        baseUrl = config.publicBaseUrl();
        routes(sessions, tokens);
        errors();
    }

    public static VerilockServer start(Config config) {
        return start(config, TestHooks.NONE);
    }

    /** For tests only: production entry points call {@link #start(Config)}. */
    public static VerilockServer start(Config config, TestHooks hooks) {
        // Before anything is created or printed: a port in use must not mint (and print) a demo key first.
        InetSocketAddress address = listenAddress(config);
        checkPortFree(address); // port 0 too: the address itself must be this machine's
        VerilockServer server = new VerilockServer(config, hooks);
        try {
            server.app.start(config.bindAddress(), config.port());
        } catch (JavalinBindException e) {
            server.stop(); // taken between the check and the start
            throw new PortInUseException(address);
        }
        if (server.baseUrl == null) server.baseUrl = "http://localhost:" + server.app.port();
        log.info("Verilock listening on {}:{}", config.bindAddress(), server.app.port());
        server.logDemoSwitch();
        server.logMetricsAccess();
        return server;
    }

    /** The port is taken (another Verilock, or any other program); its message is the one line an operator needs. */
    public static final class PortInUseException extends RuntimeException {
        PortInUseException(InetSocketAddress address) {
            super("port " + address.getPort() + " on " + address.getHostString() + " is already in use: stop the program using it, "
                    + "or choose another port with --port or VERILOCK_PORT");
        }
    }

    /** VERILOCK_BIND_ADDRESS resolved; an address that is not this machine's is a configuration error. */
    private static InetSocketAddress listenAddress(Config config) {
        InetSocketAddress a = new InetSocketAddress(config.bindAddress(), config.port());
        if (a.isUnresolved()) {
            throw new IllegalArgumentException("VERILOCK_BIND_ADDRESS '" + config.bindAddress() + "' is not an address or a resolvable host name");
        }
        return a;
    }

    private static void checkPortFree(InetSocketAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port left in TIME_WAIT counts as free
            probe.bind(address);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("assign")) {
                throw new IllegalArgumentException("VERILOCK_BIND_ADDRESS " + address.getHostString() + " is not an address of this machine");
            }
            throw new PortInUseException(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
        }
    }

    /** Stops accepting requests, lets in-flight ones finish (up to VERILOCK_SHUTDOWN_DRAIN_SECONDS), then closes. */
    public void stop() {
        app.stop();
        captureApi.close();
        analyzers.close();
        webhooks.close();
        evidenceStorage.close();
        db.close();
        metrics.close();
    }

    public static void main(String[] args) {
        VerilockServer server;
        try {
            server = start(Config.fromEnv());
        } catch (PortInUseException | IllegalArgumentException e) {
            System.err.println("verilock: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "verilock-shutdown"));
    }

    private void routes(Sessions sessions, ClientTokens tokens) {
        var workflows = new Workflows(db, config.clock());
        var sessionsApi = new SessionsApi(db, sessions, workflows, tokens, evidence, webhooks, metrics, config);
        var workflowsApi = new WorkflowsApi(workflows);
        var clientApi = new ClientApi(sessions, evidence, config, () -> baseUrl);
        var webhooksApi = new WebhookEndpointsApi(webhooks);
        captureApi = new CaptureApi(sessions, new CaptureStore(db), evidence, finalizer, metrics, analyzers, hooks, new ReplayGuard(db, config.clock()), config.clock());
        var auth = new Auth(organisations, tokens, new RateLimiter(config.apiKeyRatePerMinute(), config.clock()),
                new RateLimiter(config.clientTokenRatePerMinute(), config.clock()),
                new RateLimiter(Auth.FRAMES_PER_MINUTE, config.clock()),
                new RateLimiter(config.limits().failedAuthPerMinute(), config.clock()), config.clock());

        boolean demo = config.demoServed();
        var cors = new Cors(organisations, config.publicBaseUrl());
        app.before(ctx -> {
            ctx.attribute(STARTED_AT, System.nanoTime());
            Database.takeThreadNanos(); // this request's database time starts at zero
            securityHeaders(ctx);
            if (!demo && DEMO_PATH.matcher(SLASHES.matcher(ctx.path()).replaceAll("/")).matches()) throw ApiError.notFound("Route " + ctx.method() + " " + ctx.path());
            // Before authentication: a preflight carries no credential, and an error must be readable by the SDK.
            if (cors.handle(ctx)) {
                ctx.skipRemainingHandlers();
                return;
            }
            // Path and query values reach queries as ids, cursors and filters: none may hold U+0000.
            Validation.requireNoNul(ctx.path(), "path");
            ctx.queryParamMap().forEach((name, values) -> values.forEach(v -> Validation.requireNoNul(v, name)));
            Matcher m = SESSION_PATH.matcher(ctx.path());
            if (m.matches()) MDC.put("session_id", m.group(1));
            auth.handle(ctx);
            ClientTokens.Grant grant = Auth.grant(ctx);
            if (grant != null) MDC.put("session_id", grant.sessionId());
            cors.checkGrant(ctx, grant);
        });
        app.after(this::afterRequest);

        route(HandlerType.GET, "/health", this::health);
        route(HandlerType.GET, "/metrics", ctx -> {
            metricsAuth.check(ctx);
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
        });
        route(HandlerType.GET, "/v1/openapi.json", this::openApi);
        route(HandlerType.POST, "/v1/sessions", sessionsApi::create);
        route(HandlerType.GET, "/v1/sessions", sessionsApi::list);
        route(HandlerType.GET, "/v1/sessions/{id}", sessionsApi::get);
        route(HandlerType.GET, "/v1/sessions/{id}/evidence", sessionsApi::listEvidence);
        route(HandlerType.GET, "/v1/sessions/{id}/evidence/{n}", sessionsApi::getEvidence);
        route(HandlerType.GET, "/v1/sessions/{id}/webhooks", sessionsApi::webhookAttempts);
        route(HandlerType.POST, "/v1/workflows", workflowsApi::create);
        route(HandlerType.GET, "/v1/workflows", workflowsApi::list);
        route(HandlerType.GET, "/v1/workflows/{id}", workflowsApi::get);
        route(HandlerType.PATCH, "/v1/workflows/{id}", workflowsApi::update);
        route(HandlerType.POST, "/v1/webhook_endpoints", webhooksApi::create);
        route(HandlerType.GET, "/v1/webhook_endpoints", webhooksApi::list);
        route(HandlerType.DELETE, "/v1/webhook_endpoints/{id}", webhooksApi::delete);
        route(HandlerType.GET, "/v1/client/session", clientApi::session);
        route(HandlerType.POST, "/v1/client/session/document/{side}", clientApi::uploadDocument);
        route(HandlerType.POST, "/v1/client/capture", captureApi::start);
        route(HandlerType.POST, "/v1/client/capture/frames", captureApi::frame);
        route(HandlerType.POST, "/v1/client/selfie", captureApi::passive);
        route(HandlerType.POST, "/v1/sessions/{id}/review", sessionsApi::review);

        // The demo page and the dashboard (static pages; not API routes) and the demo page's server side.
        var demoApi = new DemoApi(sessionsApi, db, config);
        app.get("/", ctx -> DemoApi.page(ctx, "demo/index.html"));
        app.get("/dashboard", ctx -> DemoApi.page(ctx, "dashboard/index.html"));
        route(HandlerType.POST, "/demo/sessions", demoApi::create);
        route(HandlerType.GET, "/demo/sessions/{id}", demoApi::get);
    }

    /** On every response Javalin renders (set first, so errors keep them too). */
    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        // API answers carry personal data: no cache may keep them (handlers may set their own, e.g. evidence).
        String path = ctx.path();
        if (path.startsWith("/v1/") || path.startsWith("/demo/")) ctx.header("Cache-Control", "no-store");
    }

    /** The demo rule (service/README.md, "Demo endpoints"), said once at start. */
    private void logDemoSwitch() {
        String db = config.embeddedDatabase() ? "the embedded H2 database" : "a database server";
        if (config.demoServed()) {
            String why = config.demoEnabled() != null ? "VERILOCK_DEMO_ENABLED=true" : db + " (VERILOCK_DEMO_ENABLED=false or --no-demo turns it off)";
            if (config.embeddedDatabase()) {
                log.info("demo page enabled: /, /demo/* and /sdk/demo/* are served ({})", why);
            } else {
                log.warn("demo page enabled on {}: /demo/* creates demo-organisation sessions without credentials ({})", db, why);
            }
        } else {
            String why = config.demoEnabled() != null ? "VERILOCK_DEMO_ENABLED=false" : db + "; VERILOCK_DEMO_ENABLED=true turns it on";
            log.info("demo page disabled: /, /demo/* and /sdk/demo/* answer 404 ({})", why);
        }
    }

    /** Whether /metrics needs VERILOCK_METRICS_TOKEN, said once at start; open on a database server is a warning. */
    private void logMetricsAccess() {
        String warning = openMetricsWarning(config);
        if (warning != null) {
            log.warn(warning);
        } else if (metricsAuth.protectedByToken()) {
            log.info("/metrics requires Authorization: Bearer <VERILOCK_METRICS_TOKEN>");
        } else {
            log.info("/metrics is open (embedded H2 quick start; VERILOCK_METRICS_TOKEN protects it)");
        }
    }

    /** The start-up warning when /metrics is open on a database server (production), or null. */
    static String openMetricsWarning(Config config) {
        if (config.metricsToken() != null || config.embeddedDatabase()) return null;
        return "/metrics is open to anyone who can reach the service on a database server (production): set "
                + "VERILOCK_METRICS_TOKEN (scrapers then send Authorization: Bearer <token>) or keep /metrics on an internal network";
    }

    private void route(HandlerType method, String path, Handler handler) {
        app.addHttpHandler(method, path, handler);
        routes.add(new Route(method.name(), path));
        routePatterns.add(RoutePattern.of(method.name(), path));
    }

    private void errors() {
        app.exception(ApiError.class, VerilockServer::render);
        // An image the engine cannot decode is the client's error, named by the decoder's code.
        app.exception(io.verilock.engine.image.ImageInputException.class,
                (e, ctx) -> ctx.status(422).json(new ApiError(422, e.code(), e.getMessage(), "body").response()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            String code = switch (e.getStatus()) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                default -> "http_" + e.getStatus();
            };
            ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), code, e.getMessage(), null).response());
        });
        // Last resort: log the cause, never show a stack trace to the client.
        app.exception(Exception.class, (e, ctx) -> {
            ApiError transport = transportError(e);
            if (transport != null) {
                // The client's side of the connection (a malformed or stalled body, an abort): not a server error.
                log.info("request {} {} ended by the client's transport: {}", ctx.method(), ctx.path(), transport.getMessage());
                render(transport, ctx);
                return;
            }
            log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiError(500, "internal_error", "Internal server error", null).response());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(ApiError.notFound("Route " + ctx.method() + " " + ctx.path()).response());
            }
        });
    }

    private static void render(ApiError e, Context ctx) {
        if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        ctx.status(e.status()).json(e.response());
    }

    /** A failed body read (RequestLimits.BodyFailed) anywhere in the cause chain, as the client's error; else null. */
    static ApiError transportError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestLimits.BodyFailed failed) return failed.error();
        }
        return null;
    }

    private void afterRequest(Context ctx) {
        Long started = ctx.attribute(STARTED_AT);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        metrics.request(ctx.method().name(), routeLabel(ctx), ctx.statusCode(), nanos, Database.takeThreadNanos());
        log.info("request method={} path={} status={} ms={}", ctx.method(), ctx.path(), ctx.statusCode(), nanos / 1_000_000);
        MDC.clear();
    }

    /**
     * The route template of a request, also when a before-handler (authentication, rate limit) answered it before
     * Javalin matched an endpoint (it then reports "*"): the path is matched against the registered routes here.
     * Anything else is "unmatched", so no client can create series at will.
     */
    private String routeLabel(Context ctx) {
        String path = ctx.path();
        String method = ctx.method().name();
        for (RoutePattern r : routePatterns) {
            if (r.method().equals(method) && r.pattern().matcher(path).matches()) return r.path();
        }
        String matched = ctx.endpointHandlerPath();
        // "*" (a before-handler), Javalin's 404 text or nothing: no route.
        return matched != null && matched.startsWith("/") ? matched : "unmatched";
    }

    private record RoutePattern(String method, String path, Pattern pattern) {
        static RoutePattern of(String method, String path) {
            // {param} matches one path segment, as in Javalin.
            StringBuilder re = new StringBuilder("^");
            for (String part : path.split("(?=\\{)|(?<=})")) {
                re.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
            }
            return new RoutePattern(method, path, Pattern.compile(re.append('$').toString()));
        }
    }

    private void health(Context ctx) {
        boolean up = db.ping();
        String status = !up ? "unavailable" : modelMissing != null ? "degraded" : "ok";
        ctx.status(up ? 200 : 503).json(Map.of("status", status, "database", up ? "ok" : "unreachable",
                "anti_spoofing_model", modelMissing == null ? "ok" : "missing"));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = VerilockServer.class.getResourceAsStream("/openapi.json")) {
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    /**
     * The demo organisation exists whether or not the demo page is served: its key is the credential of
     * VERILOCK_DEMO_API_KEY setups and of {@link #demoApiKey()}, and VERILOCK_WEBHOOK_URL registers its endpoint there.
     * A generated key is printed only when the demo is on (service/README.md, "Demo endpoints").
     */
    private String createDemoOrganisation() {
        organisations.ensure(DEMO_ORG_ID, "Demo organisation");
        String key = config.demoApiKey();
        if (key == null) {
            key = organisations.newKey(DEMO_ORG_ID, true);
            if (config.demoServed()) {
                // Printed so a first-time user can call the API; fix it with VERILOCK_DEMO_API_KEY.
                System.out.println("Verilock demo organisation API key: " + key);
            } else {
                // Demo off (production): the log must not carry a live credential. demoApiKey() still returns it.
                log.info("demo organisation API key generated but not printed (demo page off); set VERILOCK_DEMO_API_KEY to choose one");
            }
        } else {
            organisations.addKey(DEMO_ORG_ID, key);
        }
        // The demo organisation holds only this start's key: keys printed or configured by earlier starts stop working
        // rather than pile up as valid credentials nobody sees any more (its sessions stay reachable with this key).
        int revoked = organisations.revokeAllBut(DEMO_ORG_ID, key);
        // VERILOCK_CORS_ORIGINS is the demo organisation's whole allow-list (other organisations: the admin CLI).
        organisations.replaceOrigins(DEMO_ORG_ID, config.corsOrigins());
        if (!config.corsOrigins().isEmpty()) log.info("demo organisation allows the browser origins {}", config.corsOrigins());
        if (revoked > 0) log.info("revoked {} demo organisation key(s) from earlier starts", revoked);
        if (config.webhookUrl() != null && webhooks.endpoints(DEMO_ORG_ID).stream().noneMatch(e -> e.url().equals(config.webhookUrl()))) {
            try {
                webhooks.targets().checkRegistration(config.webhookUrl());
            } catch (ApiError e) {
                throw new IllegalArgumentException("VERILOCK_WEBHOOK_URL: " + e.getMessage()
                        + (e.code().equals("invalid_url") ? "" : " (VERILOCK_WEBHOOK_ALLOW_PRIVATE=true allows http and private addresses)"));
            }
            webhooks.create(DEMO_ORG_ID, config.webhookUrl(), config.webhookSecret());
        }
        return key;
    }

    /** Creates an organisation with one new secret key (sandbox: a vl_test_ key); returns the key. */
    public String createOrganisation(String name, boolean sandbox) {
        return organisations.newKey(organisations.create(name), sandbox);
    }

    public int port() { return app.port(); }
    public String baseUrl() { return baseUrl; }
    public String demoApiKey() { return demoApiKey; }
    /** Whether the demo page and /demo/* are served (the demo rule in service/README.md). */
    public boolean demoServed() { return config.demoServed(); }
    public SessionFinalizer finalizer() { return finalizer; }
    /** Organisations, their keys and allowed browser origins (the admin CLI's entry point). */
    public Organisations organisations() { return organisations; }
    public EvidenceStore evidence() { return evidence; }
    /** For tests that look at rows the API does not show. */
    Database database() { return db; }
    public ServiceMetrics metrics() { return metrics; }
    public List<Route> routes() { return List.copyOf(routes); }
}
