package io.verilock.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server reads from its environment (see service/README.md for the variables).
 * The clock is injectable so tests can expire tokens and sessions without waiting.
 */
public record Config(
        int port,
        String bindAddress,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String dbSchema,
        String publicBaseUrl,
        Duration sessionTtl,
        Duration clientTokenTtl,
        String demoApiKey,
        String webhookUrl,
        String webhookSecret,
        int webhookMaxAttempts,
        Duration webhookBackoff,
        Duration webhookTimeout,
        boolean webhookAllowPrivate,
        int apiKeyRatePerMinute,
        int clientTokenRatePerMinute,
        long maxUploadBytes,
        Duration shutdownDrain,
        Boolean demoEnabled,
        String metricsToken,
        List<String> corsOrigins,
        Duration webhookPoll,
        EvidenceSettings evidence,
        Limits limits,
        Clock clock) {
    /**
     * What any one client can make the server do (service/README.md, "Limits"): concurrent request bodies per client
     * address and in all, the longest a body may take to arrive, the connection idle timeout, the request threads, the proxies
     * whose X-Forwarded-For names the client, and the per-address rates of failed authentication and of demo sessions.
     */
    public record Limits(int uploadsPerClient, int uploadsTotal, Duration bodyTimeout, Duration idleTimeout,
                         int maxThreads, java.util.Set<String> trustedProxies, int failedAuthPerMinute, int demoPerMinute) {
        static Limits fromEnv(Map<String, String> env) {
            String proxies = text(env, "VERILOCK_TRUSTED_PROXIES");
            return new Limits(
                    integer(env, "VERILOCK_MAX_UPLOADS_PER_CLIENT", 8),
                    integer(env, "VERILOCK_MAX_UPLOADS", 64),
                    Duration.ofSeconds(integer(env, "VERILOCK_BODY_TIMEOUT_SECONDS", 120)),
                    Duration.ofSeconds(integer(env, "VERILOCK_IDLE_TIMEOUT_SECONDS", 15)),
                    integer(env, "VERILOCK_MAX_THREADS", 200),
                    proxies == null ? java.util.Set.of() : java.util.Set.of(proxies.split("\\s*,\\s*")),
                    integer(env, "VERILOCK_FAILED_AUTH_PER_MINUTE", 30),
                    integer(env, "VERILOCK_DEMO_RATE_LIMIT_PER_MINUTE", 10));
        }
    }

    /** The shortest VERILOCK_METRICS_TOKEN accepted: a guessable token would protect nothing. */
    public static final int MIN_METRICS_TOKEN_LENGTH = 16;
    /** VERILOCK_BIND_ADDRESS when unset: only this machine reaches the embedded quick start. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public static Config fromEnv() { return fromEnv(System.getenv()); }

    public static Config fromEnv(Map<String, String> env) {
        int port = integer(env, "VERILOCK_PORT", 8080);
        Path dataDir = Path.of(Objects.requireNonNullElse(text(env, "VERILOCK_DATA_DIR"), "./data"));
        // H2 in PostgreSQL mode keeps one migration set valid for both databases.
        String defaultUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("verilock")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new Config(
                port,
                // Loopback by default: the quick start's demo and open /metrics stay off the network; containers set 0.0.0.0.
                Objects.requireNonNullElse(text(env, "VERILOCK_BIND_ADDRESS"), DEFAULT_BIND_ADDRESS),
                dataDir,
                Objects.requireNonNullElse(text(env, "VERILOCK_DB_URL"), defaultUrl),
                text(env, "VERILOCK_DB_USER"),
                text(env, "VERILOCK_DB_PASSWORD"),
                text(env, "VERILOCK_DB_SCHEMA"),
                text(env, "VERILOCK_PUBLIC_BASE_URL"),
                Duration.ofMinutes(integer(env, "VERILOCK_SESSION_TTL_MINUTES", 60)),
                Duration.ofMinutes(integer(env, "VERILOCK_CLIENT_TOKEN_TTL_MINUTES", 10)),
                text(env, "VERILOCK_DEMO_API_KEY"),
                text(env, "VERILOCK_WEBHOOK_URL"),
                text(env, "VERILOCK_WEBHOOK_SECRET"),
                integer(env, "VERILOCK_WEBHOOK_MAX_ATTEMPTS", 5),
                Duration.ofMillis(integer(env, "VERILOCK_WEBHOOK_BACKOFF_MILLIS", 2000)),
                Duration.ofSeconds(integer(env, "VERILOCK_WEBHOOK_TIMEOUT_SECONDS", 10)),
                Objects.requireNonNullElse(bool(env, "VERILOCK_WEBHOOK_ALLOW_PRIVATE"), false),
                integer(env, "VERILOCK_RATE_LIMIT_PER_MINUTE", 600),
                integer(env, "VERILOCK_CLIENT_RATE_LIMIT_PER_MINUTE", 120),
                integer(env, "VERILOCK_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
                Duration.ofSeconds(integer(env, "VERILOCK_SHUTDOWN_DRAIN_SECONDS", 10)),
                bool(env, "VERILOCK_DEMO_ENABLED"),
                metricsToken(env),
                Origins.parseList("VERILOCK_CORS_ORIGINS", text(env, "VERILOCK_CORS_ORIGINS")),
                Duration.ofMillis(positive(env, "VERILOCK_WEBHOOK_POLL_MILLIS", 1000)),
                EvidenceSettings.fromEnv(env),
                Limits.fromEnv(env),
                Clock.systemUTC());
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Config[port=" + port + ", bindAddress=" + bindAddress + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser
                + ", dbSchema=" + dbSchema + ", publicBaseUrl=" + publicBaseUrl + ", sessionTtl=" + sessionTtl
                + ", clientTokenTtl=" + clientTokenTtl + ", webhookUrl=" + webhookUrl + ", webhookMaxAttempts=" + webhookMaxAttempts
                + ", webhookBackoff=" + webhookBackoff + ", webhookAllowPrivate=" + webhookAllowPrivate + ", apiKeyRatePerMinute=" + apiKeyRatePerMinute
                + ", clientTokenRatePerMinute=" + clientTokenRatePerMinute + ", maxUploadBytes=" + maxUploadBytes
                + ", demoEnabled=" + demoEnabled + ", corsOrigins=" + corsOrigins + ", metricsToken=" + (metricsToken == null ? "unset" : "set")
                + ", webhookPoll=" + webhookPoll + ", evidence=" + evidence + ", limits=" + limits + "]";
    }

    public Config withClock(Clock c) {
        return new Config(port, bindAddress, dataDir, dbUrl, dbUser, dbPassword, dbSchema, publicBaseUrl, sessionTtl, clientTokenTtl,
                demoApiKey, webhookUrl, webhookSecret, webhookMaxAttempts, webhookBackoff, webhookTimeout, webhookAllowPrivate,
                apiKeyRatePerMinute, clientTokenRatePerMinute, maxUploadBytes, shutdownDrain, demoEnabled, metricsToken, corsOrigins,
                webhookPoll, evidence, limits, c);
    }

    /**
     * Whether the demo endpoints ({@code /}, {@code /demo/*}, {@code /sdk/demo/*}) are served: as VERILOCK_DEMO_ENABLED
     * says when it is set, otherwise only on the embedded H2 database (the quick start); a PostgreSQL (production)
     * database turns them off unless they are enabled explicitly.
     */
    public boolean demoServed() {
        return demoEnabled != null ? demoEnabled : embeddedDatabase();
    }

    /** The database is H2 (the embedded default), not a database server. */
    public boolean embeddedDatabase() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    /** VERILOCK_METRICS_TOKEN: unset or blank leaves /metrics open; otherwise 16+ characters without spaces. */
    private static String metricsToken(Map<String, String> env) {
        String v = text(env, "VERILOCK_METRICS_TOKEN");
        if (v == null) return null;
        if (v.length() < MIN_METRICS_TOKEN_LENGTH || v.chars().anyMatch(Character::isWhitespace)) {
            // The value itself is a secret: never echoed.
            throw new IllegalArgumentException("VERILOCK_METRICS_TOKEN must be at least " + MIN_METRICS_TOKEN_LENGTH
                    + " characters without spaces (e.g. openssl rand -hex 32)");
        }
        return v;
    }

    /** An unset or blank variable is absent. */
    private static String text(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** true/false (also yes/no, 1/0, on/off); unset or blank is null. */
    private static Boolean bool(Map<String, String> env, String name) {
        String v = text(env, name);
        if (v == null) return null;
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
        };
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        int v = integer(env, name, fallback);
        if (v <= 0) throw new IllegalArgumentException(name + " must be a positive integer, got " + v);
        return v;
    }

    /** An unset or blank variable is absent (for the settings records beside this one). */
    static String env(Map<String, String> env, String name) { return text(env, name); }

    static Boolean envBool(Map<String, String> env, String name) { return bool(env, name); }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }
}
