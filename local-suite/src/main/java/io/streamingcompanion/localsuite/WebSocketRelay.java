package io.streamingcompanion.localsuite;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Carries a WebSocket through the origin: the upgrade is first offered to the service, and only once the
 * service accepted it is the client's upgrade accepted, so a refusal reaches the client with the service's
 * own status. Every socket has a connection of its own, never one of the HTTP pool, and closing either side
 * closes the other, so open sockets are bounded by the machine alone and leave nothing behind.
 */
final class WebSocketRelay {

    private static final Logger LOG = Logger.getLogger(WebSocketRelay.class);

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MS = 15_000;
    private static final short GOING_AWAY = 1001;

    /** Headers of the hop or of the handshake itself: the client for the service sets its own. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "upgrade", "keep-alive", "te",
            "trailer", "transfer-encoding", "content-length", "proxy-authorization", "proxy-connection",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "sec-websocket-accept", "x-forwarded-for", "x-forwarded-proto");

    private final WebSocketClient services;

    WebSocketRelay(WebSocketClient services) {
        this.services = services;
    }

    static WebSocketRelay create(Vertx vertx) {
        return new WebSocketRelay(vertx.createWebSocketClient(new WebSocketClientOptions()
                // Per endpoint, and the gateway is one endpoint: the default (50) would queue the 51st overlay.
                // -1 is documented as "no limit" but queues every socket in Vert.x 4.5.
                .setMaxConnections(Integer.MAX_VALUE)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)));
    }

    static boolean isUpgrade(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_1_1 && request.method() == HttpMethod.GET
                && headerHasToken(request.headers(), "Connection", "upgrade")
                && headerHasToken(request.headers(), "Upgrade", "websocket");
    }

    /** Relays the upgrade {@code request} to {@code service}, asking it for {@code uri} (path and query). */
    void relay(HttpServerRequest request, SocketAddress service, String uri) {
        if (!isValidUri(uri)) {
            // The client below would fail on it without ever completing the attempt.
            ProblemDetails.send(request.response(), 400, "Bad Request", "The request target is not a valid URI");
            return;
        }
        // The handshake's end arrives while the service is being asked; accepting the upgrade needs it.
        request.pause();
        Handshake handshake = new Handshake(request);
        request.response().closeHandler(v -> handshake.clientGone());
        services.connect(connectOptions(request, service, uri)).onComplete(attempt -> {
            if (attempt.succeeded()) {
                handshake.serviceAccepted(attempt.result());
            } else {
                handshake.serviceRefused(attempt.cause());
            }
        });
    }

    private static WebSocketConnectOptions connectOptions(HttpServerRequest request, SocketAddress service, String uri) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        // As on the HTTP path: services see the origin's Host and who is really calling.
        if (request.authority() != null) {
            headers.set("Host", request.authority().toString());
        }
        headers.set("X-Forwarded-Proto", request.scheme());
        headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        List<String> subProtocols = offeredSubProtocols(request);
        return new WebSocketConnectOptions()
                .setHost(service.host())
                .setPort(service.port())
                .setURI(uri)
                .setHeaders(headers)
                // The browser's token travels as a sub-protocol, so the service must be offered them all.
                .setSubProtocols(subProtocols.isEmpty() ? null : subProtocols)
                // Keeps the client's Origin among the headers above; false would drop it, true would invent one.
                .setAllowOriginHeader(headers.contains("Origin"))
                .setTimeout(HANDSHAKE_TIMEOUT_MS);
    }

    private static List<String> offeredSubProtocols(HttpServerRequest request) {
        return request.headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(protocol -> !protocol.isEmpty())
                .toList();
    }

    private static boolean headerHasToken(MultiMap headers, String name, String token) {
        return headers.getAll(name).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(value -> value.trim().equalsIgnoreCase(token));
    }

    private static boolean isValidUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * One upgrade from the moment the service is asked until both sockets are joined. Everything happens on
     * the client connection's event loop, so no state here is shared between threads.
     */
    private static final class Handshake {

        private final HttpServerRequest request;
        private boolean clientGone;
        private WebSocket service;

        Handshake(HttpServerRequest request) {
            this.request = request;
        }

        void clientGone() {
            clientGone = true;
            if (service != null) {
                service.close(GOING_AWAY, "The client went away");
            }
        }

        void serviceAccepted(WebSocket socket) {
            service = socket;
            if (clientGone) {
                socket.close(GOING_AWAY, "The client went away");
                return;
            }
            // Hold what the service says until the client can hear it.
            socket.pause();
            request.toWebSocket().onComplete(accepted -> {
                if (accepted.succeeded()) {
                    join(accepted.result(), socket);
                } else {
                    LOG.debugf("The client's upgrade to %s failed after the service accepted it: %s",
                            request.path(), accepted.cause());
                    socket.close(GOING_AWAY, "The client went away");
                }
            });
        }

        void serviceRefused(Throwable cause) {
            if (clientGone) {
                return;
            }
            request.resume();
            if (cause instanceof UpgradeRejectedException rejected) {
                relayRefusal(rejected, request.response());
            } else {
                LOG.debugf("No WebSocket to the service for %s: %s", request.path(), cause);
                // The service is unreachable (restarting or down): retryable, as an ingress with no ready backend.
                ProblemDetails.serviceUnavailable(request.response(),
                        "The service behind " + request.path() + " did not accept the WebSocket: " + cause.getMessage());
            }
        }

        private static void relayRefusal(UpgradeRejectedException rejected, HttpServerResponse response) {
            response.setStatusCode(rejected.getStatus());
            for (Map.Entry<String, String> header : rejected.getHeaders()) {
                if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            }
            Buffer body = rejected.getBody();
            response.end(body == null ? Buffer.buffer() : body);
        }
    }

    private static void join(ServerWebSocket client, WebSocket service) {
        forward(client, service);
        forward(service, client);
        service.resume();
    }

    /**
     * Frame by frame, so fragmented messages stay fragmented and pings and pongs cross too (Vert.x also
     * answers each ping itself, which the far end's pong then follows). Closes are mirrored with their
     * code and reason, from the close handler, which also learns of connections lost without one.
     */
    private static void forward(WebSocketBase from, WebSocketBase to) {
        from.frameHandler(frame -> {
            if (frame.isClose()) {
                return;
            }
            to.writeFrame(frame);
            if (to.writeQueueFull()) {
                from.pause();
                to.drainHandler(v -> from.resume());
            }
        });
        from.closeHandler(v -> closeLike(to, from.closeStatusCode(), from.closeReason()));
        from.exceptionHandler(error -> LOG.debugf("WebSocket relay: %s", error));
    }

    private static void closeLike(WebSocketBase other, Short code, String reason) {
        if (code != null && canBeSent(code)) {
            other.close(code, reason);
        } else {
            other.close(GOING_AWAY, "The other end went away");
        }
    }

    /** 1005, 1006 and 1015 only describe a closure locally; the other codes below 3000 are reserved. */
    private static boolean canBeSent(short code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
