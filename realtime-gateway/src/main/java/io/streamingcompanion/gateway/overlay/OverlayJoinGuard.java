package io.streamingcompanion.gateway.overlay;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.streamingcompanion.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits what the anonymous overlay socket lets a client spend on trying keys. A key this replica does not
 * remember costs a Redis read and, if unknown there, a session-service request and a database query; so
 * failed joins are counted per socket (a socket that keeps failing is closed) and failed lookups per client
 * address across this replica's sockets (an address over its budget gets no more lookups for a while).
 * Keys the replica already knows still admit at once, so a busy address shared by real overlays (a NAT)
 * keeps working for them. The budget is per replica: with N replicas an address can cost up to N times it.
 */
@ApplicationScoped
public class OverlayJoinGuard {

    private static final TypedKey<String> ADDRESS = TypedKey.forString("gateway.overlay.address");
    private static final TypedKey<Integer> FAILED_JOINS = TypedKey.forInt("gateway.overlay.failed-joins");
    /** Past this many addresses, windows that have ended are dropped before another is added. */
    private static final int MAX_ADDRESSES = 50_000;

    private static final class Window {
        private long startedAt;
        private int failures;

        Window(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final GatewayConfig.Overlay config;
    private final ClientAddresses addresses;

    public OverlayJoinGuard(GatewayConfig config) {
        this.config = config.overlay();
        this.addresses = new ClientAddresses(config.overlay().trustedProxies());
    }

    /** Notes the client's address when the socket opens (the handshake is at hand only then). */
    public void opened(WebSocketConnection connection, HandshakeRequest handshake) {
        List<String> forwarded = handshake.headers("X-Forwarded-For");
        connection.userData().put(ADDRESS, addresses.clientOf(handshake.remoteAddress(), forwarded));
    }

    /** The socket has used up its failed joins: its next attempt is refused and it is closed. */
    public boolean socketExhausted(WebSocketConnection connection) {
        Integer failed = connection.userData().get(FAILED_JOINS);
        return failed != null && failed >= config.maxFailedJoinsPerSocket();
    }

    /** The socket's address has used up its failed lookups for now: no lookup is made for it. */
    public boolean addressExhausted(WebSocketConnection connection) {
        Window window = byAddress.get(addressOf(connection));
        if (window == null) {
            return false;
        }
        synchronized (window) {
            return !expired(window, System.nanoTime()) && window.failures >= config.maxFailedLookupsPerAddress();
        }
    }

    /** A join whose key admitted nothing; {@code lookedUp}: it was not answered from this replica's memory. */
    public void failed(WebSocketConnection connection, boolean lookedUp) {
        Integer failed = connection.userData().get(FAILED_JOINS);
        connection.userData().put(FAILED_JOINS, failed == null ? 1 : failed + 1);
        if (!lookedUp) {
            return;
        }
        long now = System.nanoTime();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(window -> {
                synchronized (window) {
                    return expired(window, now);
                }
            });
        }
        Window window = byAddress.computeIfAbsent(addressOf(connection), address -> new Window(now));
        synchronized (window) {
            if (expired(window, now)) {
                window.startedAt = now;
                window.failures = 0;
            }
            window.failures++;
        }
    }

    private boolean expired(Window window, long now) {
        return now - window.startedAt > config.failedLookupWindow().toNanos();
    }

    private static String addressOf(WebSocketConnection connection) {
        String address = connection.userData().get(ADDRESS);
        return address == null ? "unknown" : address;
    }
}
