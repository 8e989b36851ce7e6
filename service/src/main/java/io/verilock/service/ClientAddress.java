package io.verilock.service;

import java.util.Set;

/**
 * The address a request comes from, for per-client limits: the connection's peer, or, when that peer is one of
 * VERILOCK_TRUSTED_PROXIES, the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries further
 * left are whatever the client wrote).
 */
final class ClientAddress {
    private ClientAddress() {}

    static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) return peer;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) return hop;
        }
        return peer;
    }
}
