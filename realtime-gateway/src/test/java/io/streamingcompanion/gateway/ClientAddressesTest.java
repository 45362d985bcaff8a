package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamingcompanion.gateway.overlay.ClientAddresses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose address a per-address limit counts: X-Forwarded-For is believed only as far as trusted proxies wrote it. */
class ClientAddressesTest {

    private final ClientAddresses local = new ClientAddresses(List.of("127.0.0.1", "::1"));

    @Test
    void aDirectClientIsItsPeerWhateverItClaims() {
        assertEquals("203.0.113.7", local.clientOf("203.0.113.7:51000", List.of()));
        assertEquals("203.0.113.7", local.clientOf("203.0.113.7:51000", List.of("198.51.100.1")),
                "a client that is no proxy cannot pick its own address");
    }

    @Test
    void theLocalOriginOnLoopbackIsBelieved() {
        assertEquals("198.51.100.1", local.clientOf("127.0.0.1:40000", List.of("198.51.100.1")));
        assertEquals("198.51.100.1", local.clientOf("0:0:0:0:0:0:0:1:40000", List.of("198.51.100.1")));
        assertEquals("127.0.0.1", local.clientOf("127.0.0.1:40000", List.of()), "no header: the proxy's own requests");
    }

    @Test
    void theLocalOriginOnADomainSocketIsBelieved() {
        ClientAddresses behindNginx = new ClientAddresses(List.of("10.0.0.0/8"));
        assertEquals("198.51.100.1", behindNginx.clientOf("", List.of("198.51.100.1")), "an unbound peer has no path");
        assertEquals("198.51.100.1", behindNginx.clientOf("/run/streaming/realtime-gateway.sock", List.of("198.51.100.1")));
        assertEquals("198.51.100.1", behindNginx.clientOf("", List.of("1.1.1.1, 198.51.100.1")),
                "what the client wrote itself stays unbelieved");
        assertEquals(ClientAddresses.DOMAIN_SOCKET_PEER, behindNginx.clientOf("", List.of()), "no header: the proxy itself");
        assertEquals(ClientAddresses.DOMAIN_SOCKET_PEER, behindNginx.clientOf("", List.of("evil.example")));
        assertEquals("unknown", behindNginx.clientOf(null, List.of("198.51.100.1")));
    }

    @Test
    void onlyTheEntriesTrustedProxiesAddedCount() {
        ClientAddresses behindNginx = new ClientAddresses(List.of("10.0.0.0/8"));
        // The client sent "X-Forwarded-For: 1.1.1.1" itself; nginx appended the real peer.
        assertEquals("203.0.113.9", behindNginx.clientOf("10.1.2.3:80", List.of("1.1.1.1, 203.0.113.9")));
        // Two proxies of ours in a row.
        assertEquals("203.0.113.9", behindNginx.clientOf("10.1.2.3:80", List.of("1.1.1.1, 203.0.113.9", "10.9.9.9")));
        // Garbage where a proxy should have written an address: the proxy is all that is known.
        assertEquals("10.1.2.3", behindNginx.clientOf("10.1.2.3:80", List.of("not-an-address")));
        assertEquals("10.1.2.3", behindNginx.clientOf("10.1.2.3:80", List.of("evil.example")), "never a DNS name");
        assertEquals("11.0.0.1", behindNginx.clientOf("11.0.0.1:80", List.of("203.0.113.9")), "outside the range");
    }

    @Test
    void aBadTrustedProxyEntryStopsTheGateway() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("10.0.0.0/33")));
    }
}
