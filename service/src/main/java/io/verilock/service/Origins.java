package io.verilock.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Browser origins as the allow-lists keep them: exactly {@code scheme://host[:port]} (what a browser sends in its
 * Origin header), http or https, lower case, the default port left out. No wildcard, no path: an allow-list entry
 * names one site.
 */
final class Origins {
    private static final int MAX_LENGTH = 300;

    private Origins() {}

    /** The canonical form of an origin, or an IllegalArgumentException saying what is wrong with it. */
    static String normalise(String origin) {
        if (origin == null || origin.isBlank()) throw new IllegalArgumentException("an origin is required, e.g. https://shop.example.com");
        String o = origin.trim();
        if (o.length() > MAX_LENGTH) throw new IllegalArgumentException("origin longer than " + MAX_LENGTH + " characters");
        if (o.contains("*")) throw new IllegalArgumentException("'" + o + "': wildcards are not allowed; list each origin exactly (https://shop.example.com)");
        URI uri;
        try {
            uri = new URI(o);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + o + "' is not an origin like https://shop.example.com");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("'" + o + "': the origin must start with https:// (or http:// for local development)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + o + "' is not an origin like https://shop.example.com");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + o + "': an origin has no path, query or fragment (https://shop.example.com, not https://shop.example.com/)");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The value of an Origin header in canonical form, or null when it is absent, "null" or malformed. */
    static String fromHeader(String header) {
        if (header == null || header.isBlank() || header.equals("null")) return null;
        try {
            return normalise(header);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A comma-separated list (VERILOCK_CORS_ORIGINS), each entry normalised; blank means none. */
    static List<String> parseList(String name, String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) return out;
        for (String part : value.split(",")) {
            if (part.isBlank()) continue;
            try {
                String o = normalise(part);
                if (!out.contains(o)) out.add(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
