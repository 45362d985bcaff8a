package io.streamingcompanion.localsuite;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Carries a WebSocket through the origin as an ingress does: the client's upgrade is offered to the service
 * with the client's own handshake headers, the service's answer goes back to the client as it is (a refusal
 * with its status, headers and body), and once the service switched protocols the two connections are joined
 * byte for byte. The WebSocket handshake, frames, pings, closes and any extension (compression) are between
 * the client and the service; the origin neither decodes nor re-encodes a frame, which was a third of its
 * CPU under a tip's fan-out. Every socket has a connection of its own, and closing either side closes the other.
 */
final class WebSocketRelay {

    private static final Logger LOG = Logger.getLogger(WebSocketRelay.class);

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MS = 15_000;
    /** Open sockets per service: each is a connection of the client below for as long as it lives. */
    private static final int MAX_SOCKETS_PER_SERVICE = 65_536;

    /** Headers of the hop itself, never relayed; the WebSocket handshake headers are relayed both ways. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "upgrade", "keep-alive", "te",
            "trailer", "transfer-encoding", "content-length", "proxy-authorization", "proxy-connection",
            "x-forwarded-for", "x-forwarded-proto");

    private final Vertx vertx;
    private final HttpClient services;

    private WebSocketRelay(Vertx vertx, HttpClient services) {
        this.vertx = vertx;
        this.services = services;
    }

    static WebSocketRelay create(Vertx vertx) {
        return new WebSocketRelay(vertx, vertx.createHttpClient(new HttpClientOptions()
                // Keep-alive, or the client would send "Connection: close" over the upgrade's own header. A connection
                // that carried a refusal may carry the next upgrade; an accepted one is its socket's until it closes.
                .setKeepAlive(true)
                .setKeepAliveTimeout(5)
                .setMaxPoolSize(MAX_SOCKETS_PER_SERVICE)
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
            ProblemDetails.send(request.response(), 400, "Bad Request", "The request target is not a valid URI");
            return;
        }
        // Nothing of the client's may be read before the service has answered: after a 101 it is the tunnel's.
        request.pause();
        Handshake handshake = new Handshake(request);
        request.response().closeHandler(v -> handshake.clientGone());
        long timer = vertx.setTimer(HANDSHAKE_TIMEOUT_MS, id -> handshake.timedOut());
        services.request(new RequestOptions().setServer(service).setMethod(HttpMethod.GET).setURI(uri)
                        .setHeaders(upgradeHeaders(request)))
                .compose(asked -> {
                    handshake.asking(asked);
                    return asked.connect();
                })
                .onComplete(answer -> {
                    vertx.cancelTimer(timer);
                    if (answer.succeeded()) {
                        handshake.serviceAnswered(answer.result());
                    } else {
                        handshake.serviceUnreachable(answer.cause());
                    }
                });
    }

    private static MultiMap upgradeHeaders(HttpServerRequest request) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        headers.set("Connection", "Upgrade");
        headers.set("Upgrade", "websocket");
        // As on the HTTP path: services see the origin's Host and who is really calling.
        if (request.authority() != null) {
            headers.set("Host", request.authority().toString());
        }
        headers.set("X-Forwarded-Proto", request.scheme());
        headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        return headers;
    }

    private static boolean headerHasToken(MultiMap headers, String name, String token) {
        return headers.getAll(name).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(value -> value.trim().equalsIgnoreCase(token));
    }

    static boolean isValidUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * One upgrade from the moment the service is asked until both connections are joined. Everything happens
     * on the client connection's event loop (the service's connection is made from it), so no state here is
     * shared between threads.
     */
    private static final class Handshake {

        private final HttpServerRequest request;
        private HttpClientRequest asked;
        private NetSocket service;
        private boolean clientGone;

        Handshake(HttpServerRequest request) {
            this.request = request;
        }

        void asking(HttpClientRequest serviceRequest) {
            asked = serviceRequest;
            // The request outlives its answer as the tunnel's connection; its end is the socket's close, not an error.
            serviceRequest.exceptionHandler(error -> LOG.debugf("WebSocket relay to %s: %s", request.path(), error));
            if (clientGone) {
                serviceRequest.reset();
            }
        }

        void clientGone() {
            clientGone = true;
            if (service != null) {
                service.close();
            } else if (asked != null) {
                asked.reset();
            }
        }

        void timedOut() {
            if (asked != null && service == null) {
                asked.reset(0, new IllegalStateException("The service did not answer the upgrade in time"));
            }
        }

        void serviceAnswered(HttpClientResponse answer) {
            if (answer.statusCode() != 101) {
                refuse(answer);
                return;
            }
            service = answer.netSocket();
            if (clientGone) {
                service.close();
                return;
            }
            // Hold what the service says until the client's side of the tunnel exists.
            service.pause();
            HttpServerResponse response = request.response();
            relayHeaders(answer.headers(), response.headers());
            response.headers().set("Connection", "Upgrade").set("Upgrade", "websocket");
            request.toNetSocket().onComplete(accepted -> {
                if (accepted.succeeded()) {
                    join(accepted.result(), service);
                } else {
                    LOG.debugf("The client's upgrade to %s failed after the service accepted it: %s",
                            request.path(), accepted.cause());
                    service.close();
                }
            });
        }

        void serviceUnreachable(Throwable cause) {
            if (clientGone) {
                return;
            }
            request.resume();
            LOG.debugf("No WebSocket to the service for %s: %s", request.path(), cause);
            // The service is unreachable (restarting or down): retryable, as an ingress with no ready backend.
            ProblemDetails.serviceUnavailable(request.response(),
                    "The service behind " + request.path() + " did not accept the WebSocket: " + cause.getMessage());
        }

        /** The service's own refusal (401, 403, 404...), status, headers and body, as an ingress passes it on. */
        private void refuse(HttpClientResponse answer) {
            answer.body().onComplete(body -> {
                if (clientGone) {
                    return;
                }
                request.resume();
                HttpServerResponse response = request.response();
                response.setStatusCode(answer.statusCode());
                relayHeaders(answer.headers(), response.headers());
                response.end(body.succeeded() ? body.result() : Buffer.buffer());
            });
        }

        private static void relayHeaders(MultiMap from, MultiMap to) {
            for (Map.Entry<String, String> header : from) {
                if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    to.add(header.getKey(), header.getValue());
                }
            }
        }
    }

    /** Bytes both ways with back-pressure; either side's end or failure ends the other. */
    private static void join(NetSocket client, NetSocket service) {
        client.pipeTo(service).onFailure(error -> LOG.debugf("WebSocket relay, client side: %s", error));
        service.pipeTo(client).onFailure(error -> LOG.debugf("WebSocket relay, service side: %s", error));
        service.resume();
    }
}
