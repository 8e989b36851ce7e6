package io.verilock.service;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Cross-origin access (issue #14). Only the browser-facing parts answer another origin, and only the origins an
 * organisation allows ({@link Organisations#allowOrigin}, VERILOCK_CORS_ORIGINS for the demo organisation):
 * <ul>
 *   <li>{@code /v1/client/*} (client tokens): preflights and requests, each origin echoed exactly, never {@code *}.
 *       A preflight carries no credential, so it is answered for an origin that some organisation allows; the request
 *       itself must then come from an origin the token's own organisation allows ({@link #checkGrant}).</li>
 *   <li>the Web SDK files ({@code /sdk/verilock.js}, ...): readable by an allowed origin (module scripts need CORS).</li>
 *   <li>everything else under {@code /v1/} (secret API keys) and {@code /demo/}: never. A secret key must not live in a
 *       browser, so a cross-origin request there is refused with a JSON 403 before any authentication.</li>
 * </ul>
 * No credentials mode: the SDK sends its client token as an Authorization header, not a cookie.
 */
final class Cors {
    static final String ALLOW_METHODS = "GET, POST";
    static final String ALLOW_HEADERS = "Authorization, Content-Type";
    private static final Set<String> CLIENT_METHODS = Set.of("GET", "POST");
    private static final Set<String> SDK_METHODS = Set.of("GET", "HEAD");
    private static final Set<String> ALLOWED_REQUEST_HEADERS = Set.of("authorization", "content-type");
    static final int MAX_AGE_SECONDS = 600;
    private static final String ORIGIN_ATTRIBUTE = "verilock.cors.origin";
    /** The SDK's own files, not the demo page's or the dashboard's. */
    private static final Pattern SDK_FILE = Pattern.compile("^/sdk/[^/]+$");

    enum Kind { CLIENT, SDK_FILE, SAME_ORIGIN_ONLY, OTHER }

    /**
     * What the request carries that CORS looks at. {@code origin} is the raw Origin header (null when absent);
     * {@code forwardedHost} the X-Forwarded-Host a reverse proxy sets (nginx passes its upstream's name as Host).
     */
    record Request(String method, String path, String origin, String host, String forwardedHost, String requestMethod,
                   String requestHeaders) {}

    /**
     * What to do: headers to add, and either go on ({@code refusal == null}, {@code preflightAnswered == false}), answer
     * the preflight with 204 here, or refuse with the ApiError.
     */
    record Answer(Map<String, String> headers, boolean preflightAnswered, ApiError refusal, String crossOrigin) {}

    private final Organisations organisations;
    private final String ownOrigin;

    Cors(Organisations organisations, String publicBaseUrl) {
        this.organisations = organisations;
        String own = null;
        if (publicBaseUrl != null) {
            try {
                java.net.URI u = java.net.URI.create(publicBaseUrl);
                own = Origins.normalise(u.getScheme() + "://" + u.getRawAuthority());
            } catch (IllegalArgumentException e) {
                own = null;
            }
        }
        this.ownOrigin = own;
    }

    static Kind kind(String path) {
        if (path.startsWith("/v1/client/")) return Kind.CLIENT;
        if (SDK_FILE.matcher(path).matches()) return Kind.SDK_FILE;
        if (path.equals("/v1/openapi.json")) return Kind.OTHER; // public documentation, no credential
        if (path.startsWith("/v1/") || path.startsWith("/demo/") || path.equals("/demo")) return Kind.SAME_ORIGIN_ONLY;
        return Kind.OTHER;
    }

    /** The header logic, without Javalin: {@code allowedAnywhere} says whether some organisation allows an origin. */
    static Answer decide(Request r, String ownOrigin, Predicate<String> allowedAnywhere) {
        Kind kind = kind(r.path());
        Map<String, String> headers = new LinkedHashMap<>();
        // Answers differ by Origin: caches must keep them apart.
        if (kind == Kind.CLIENT || kind == Kind.SDK_FILE) headers.put("Vary", "Origin");
        if (r.origin() == null || sameOrigin(r, ownOrigin)) return new Answer(headers, false, null, null);
        String origin = Origins.fromHeader(r.origin()); // null: "null" or malformed, never allowed
        boolean preflight = "OPTIONS".equals(r.method()) && r.requestMethod() != null;
        boolean allowed = origin != null && (kind == Kind.CLIENT || kind == Kind.SDK_FILE) && allowedAnywhere.test(origin);
        if (kind == Kind.SAME_ORIGIN_ONLY) {
            return new Answer(headers, false, new ApiError(403, "cross_origin_refused",
                    "This route is for your backend (secret API key) and does not answer browsers on other origins; "
                            + "the Web SDK uses /v1/client/* with the session's client token", null), null);
        }
        if (kind == Kind.OTHER && preflight) {
            return new Answer(headers, false, new ApiError(403, "cross_origin_refused", "This route does not answer other origins", null), null);
        }
        if (kind == Kind.OTHER) return new Answer(headers, false, null, null);
        if (!allowed) {
            return new Answer(headers, false, new ApiError(403, "origin_not_allowed", "The origin " + (origin == null ? "'" + r.origin() + "'" : origin)
                    + " is not on the organisation's allowed origins (add it with the admin CLI, or VERILOCK_CORS_ORIGINS for the demo organisation)", null), null);
        }
        headers.put("Access-Control-Allow-Origin", origin);
        if (!preflight) {
            if (kind == Kind.CLIENT) headers.put("Access-Control-Expose-Headers", "Retry-After");
            return new Answer(headers, false, null, origin);
        }
        Set<String> methods = kind == Kind.CLIENT ? CLIENT_METHODS : SDK_METHODS;
        if (!methods.contains(r.requestMethod().toUpperCase(Locale.ROOT)) || !headersAllowed(r.requestHeaders())) {
            headers.remove("Access-Control-Allow-Origin");
            return new Answer(headers, false, new ApiError(403, "cors_request_not_allowed",
                    "Cross-origin requests here may use " + String.join(", ", methods) + " with the headers " + ALLOW_HEADERS, null), null);
        }
        headers.put("Access-Control-Allow-Methods", kind == Kind.CLIENT ? ALLOW_METHODS : "GET, HEAD");
        headers.put("Access-Control-Allow-Headers", ALLOW_HEADERS);
        headers.put("Access-Control-Max-Age", String.valueOf(MAX_AGE_SECONDS));
        return new Answer(headers, true, null, origin);
    }

    private static boolean headersAllowed(String requested) {
        if (requested == null || requested.isBlank()) return true;
        for (String h : requested.split(",")) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !ALLOWED_REQUEST_HEADERS.contains(name)) return false;
        }
        return true;
    }

    /**
     * Same origin: the Origin names the host the request was sent to (Host, or a proxy's X-Forwarded-Host), or the
     * public base URL (VERILOCK_PUBLIC_BASE_URL). Our own pages (dashboard, demo) send Origin on their POSTs.
     */
    private static boolean sameOrigin(Request r, String ownOrigin) {
        String origin = Origins.fromHeader(r.origin());
        if (origin == null) return false;
        if (origin.equals(ownOrigin)) return true;
        String authority = origin.substring(origin.indexOf("://") + 3);
        return authorityMatches(authority, r.host())
                || r.forwardedHost() != null && authorityMatches(authority, r.forwardedHost().split(",")[0].trim());
    }

    private static boolean authorityMatches(String authority, String host) {
        if (host == null || host.isEmpty()) return false;
        String h = host.toLowerCase(Locale.ROOT);
        return authority.equals(h) || authority.equals(h.replaceFirst(":(80|443)$", ""));
    }

    /**
     * Before authentication: adds the CORS headers, answers a preflight (true: nothing else runs) or throws the refusal.
     */
    boolean handle(Context ctx) {
        Answer a = decide(new Request(ctx.method().name(), ctx.path(), ctx.header("Origin"), ctx.header("Host"),
                ctx.header("X-Forwarded-Host"), ctx.header("Access-Control-Request-Method"), ctx.header("Access-Control-Request-Headers")),
                ownOrigin, organisations::originAllowedAnywhere);
        a.headers().forEach(ctx::header);
        if (a.refusal() != null) throw a.refusal();
        if (a.crossOrigin() != null) ctx.attribute(ORIGIN_ATTRIBUTE, a.crossOrigin());
        if (a.preflightAnswered()) {
            ctx.status(204);
            return true;
        }
        return false;
    }

    /** After a client token is authenticated: a cross-origin request must come from an origin its organisation allows. */
    void checkGrant(Context ctx, ClientTokens.Grant grant) {
        String origin = ctx.attribute(ORIGIN_ATTRIBUTE);
        if (origin != null && grant != null && !organisations.originAllowed(grant.organisationId(), origin)) {
            throw new ApiError(403, "origin_not_allowed", "The origin " + origin
                    + " is not on this session's organisation's allowed origins", null);
        }
    }
}
