package io.verilock.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may be sent (the server-side request forgery guard). By default only {@code https} URLs whose host
 * is a public address: loopback, link-local (the cloud metadata address 169.254.169.254 included), private (RFC 1918,
 * fc00::/7, fec0::/10), carrier-grade NAT (100.64.0.0/10), unspecified, "this network" (0.0.0.0/8), broadcast and
 * multicast addresses are refused, also when embedded in an IPv6 address (IPv4-compatible, NAT64, 6to4). The
 * address is judged by the JDK's {@link InetAddress} classification, never by matching strings.
 *
 * <p>The URL is checked at registration and, through {@link #resolvePublic}, again at every delivery against the
 * addresses the connection will actually use (DNS rebinding). {@code VERILOCK_WEBHOOK_ALLOW_PRIVATE=true}
 * ({@code allowPrivate}) turns both checks off except that the scheme must still be http or https: for receivers on
 * a private network of a self-hosted installation, and for tests with a local receiver.
 */
final class WebhookTargets {

    /** A delivery target refused by the policy; the message names the reason and never leaks a stack trace. */
    static final class RefusedTargetException extends java.io.IOException {
        RefusedTargetException(String message) { super(message); }
    }

    private final boolean allowPrivate;

    WebhookTargets(boolean allowPrivate) { this.allowPrivate = allowPrivate; }

    /**
     * Registration check of {@code url}: 422 naming the field {@code url} when it is not an absolute http(s) URL
     * ({@code invalid_url}), not https ({@code url_not_https}) or its host is or resolves to a non-public address
     * ({@code url_not_public}). A host that does not resolve now is accepted: delivery checks it again.
     */
    void checkRegistration(String url) {
        URI u = parse(url);
        if (u == null) throw ApiError.invalid("invalid_url", "url must be an absolute https URL", "url");
        if (allowPrivate) return;
        if (!"https".equalsIgnoreCase(u.getScheme())) throw ApiError.invalid("url_not_https", "url must use https", "url");
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(u));
        } catch (UnknownHostException e) {
            return; // not resolvable now; every delivery resolves and checks again
        }
        for (InetAddress a : addresses) {
            String why = forbidden(a);
            if (why != null) {
                throw ApiError.invalid("url_not_public", "url must point at a public address; its host is " + why, "url");
            }
        }
    }

    /**
     * Delivery check of a stored URL (it may predate the policy or a change of the setting): the scheme, then the
     * host's addresses. Returns the addresses to connect to; with {@code allowPrivate} every resolved address.
     *
     * @throws RefusedTargetException when the URL or any of its host's addresses is refused
     * @throws UnknownHostException when the host does not resolve
     */
    InetAddress[] resolvePublic(String host) throws UnknownHostException, RefusedTargetException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (allowPrivate) return addresses;
        for (InetAddress a : addresses) {
            String why = forbidden(a);
            if (why != null) throw new RefusedTargetException("refused: " + host + " resolves to " + a.getHostAddress() + " (" + why + ")");
        }
        return addresses;
    }

    /** The scheme check at delivery: https only unless private targets are allowed. */
    void checkScheme(URI u) throws RefusedTargetException {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = allowPrivate ? scheme.equals("http") || scheme.equals("https") : scheme.equals("https");
        if (!ok || u.getHost() == null) throw new RefusedTargetException("refused: webhook URLs must be absolute https URLs");
    }

    /** Null for a public unicast address, otherwise what kind of address it is (for the error message). */
    static String forbidden(InetAddress a) {
        if (a.isAnyLocalAddress()) return "an unspecified address";
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && (second & 0xc0) == 64) return "a carrier-grade NAT address";   // 100.64.0.0/10
            if (first == 0) return "an unspecified address";                                   // 0.0.0.0/8
            if ((b[0] & b[1] & b[2] & b[3]) == (byte) 0xff) return "a broadcast address";
            return null;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "a private address";                            // fc00::/7 unique local
            InetAddress embedded = embeddedIpv4(b);
            return embedded == null ? null : forbidden(embedded);
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        try {
            boolean zeros = true;
            for (int i = 0; i < 12; i++) zeros &= b[i] == 0;
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
            for (int i = 4; nat64 && i < 12; i++) nat64 = b[i] == 0;
            if (zeros || nat64) return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            if (b[0] == 0x20 && b[1] == 0x02) return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
        } catch (UnknownHostException e) {
            // four bytes are always a valid address
        }
        return null;
    }

    /** An absolute http(s) URL with a host, or null. */
    private static URI parse(String url) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (("http".equals(scheme) || "https".equals(scheme)) && u.getHost() != null && !u.getHost().isEmpty()) return u;
        } catch (URISyntaxException ignored) {
            // reported by the caller
        }
        return null;
    }

    /** The host without the brackets of an IPv6 literal. */
    static String host(URI u) {
        String h = u.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
