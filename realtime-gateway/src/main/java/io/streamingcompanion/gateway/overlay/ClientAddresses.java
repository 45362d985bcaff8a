package io.streamingcompanion.gateway.overlay;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Which address a socket's client has, for per-address limits. The peer of the TCP connection, unless that
 * peer is a trusted proxy: then X-Forwarded-For is read from the right (the entry the nearest proxy added)
 * and the first address that is not itself a trusted proxy is the client. Entries further left were written
 * by the client and are never believed, and X-Forwarded-For from anyone else is ignored, since it is free
 * to forge and would hand every forged value a fresh budget.
 *
 * <p>A peer on a Unix domain socket (the gateway listens on one only where {@code quarkus.http.domain-socket-enabled}
 * says so, for a proxy on the same machine: the local origin) is a trusted proxy too: only a process that may open
 * the socket's file can be that peer.
 */
public final class ClientAddresses {

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted = new ArrayList<>();

    /** @param trustedProxies addresses ({@code 127.0.0.1}, {@code ::1}) or CIDR ranges ({@code 10.0.0.0/8}) */
    public ClientAddresses(List<String> trustedProxies) {
        for (String entry : trustedProxies) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            int slash = value.indexOf('/');
            byte[] network = parse(slash < 0 ? value : value.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("gateway.overlay.trusted-proxies: not an IP address or CIDR range: " + value);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("gateway.overlay.trusted-proxies: bad prefix length in " + value);
            }
            trusted.add(new Range(network, prefix));
        }
    }

    /** What a peer on a Unix domain socket is called when no proxy says whom it forwards. */
    public static final String DOMAIN_SOCKET_PEER = "unix-socket";

    /**
     * @param remoteAddress  the peer as Quarkus reports it: {@code host:port} over TCP, the socket's path (often
     *                       empty) over a Unix domain socket
     * @param forwardedFor   the X-Forwarded-For header values, in order (empty if none)
     */
    public String clientOf(String remoteAddress, List<String> forwardedFor) {
        if (remoteAddress == null) {
            return "unknown";
        }
        String peer = hostOf(remoteAddress);
        byte[] peerBytes = parse(peer);
        // Quarkus reports a TCP peer as an address literal and port, so anything else is a domain socket's path.
        boolean domainSocketPeer = peerBytes == null;
        String client = domainSocketPeer ? DOMAIN_SOCKET_PEER : normalized(peerBytes, peer);
        boolean trustedPeer = domainSocketPeer || isTrusted(peerBytes);
        if (!trustedPeer || forwardedFor == null) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = parse(hops.get(i));
            if (hop == null) {
                // Garbage where a trusted proxy should have written an address: believe nothing further left.
                return client;
            }
            client = normalized(hop, hops.get(i));
            if (!isTrusted(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(byte[] address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The host part of Quarkus' {@code <host address>:<port>} (IPv6 addresses are not bracketed there). */
    private static String hostOf(String remoteAddress) {
        if (remoteAddress == null) {
            return null;
        }
        int colon = remoteAddress.lastIndexOf(':');
        String host = colon > 0 ? remoteAddress.substring(0, colon) : remoteAddress;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The address bytes of an IP literal, or null. Never {@code InetAddress.getByName}: for anything that is
     * not a well-formed literal it asks DNS, about a value the client chose.
     */
    private static byte[] parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return null;
        }
        String literal = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        return NetUtil.createByteArrayFromIpAddressString(literal);
    }

    private static String normalized(byte[] address, String fallback) {
        String text = NetUtil.bytesToIpAddress(address);
        return text == null ? fallback : text;
    }
}
