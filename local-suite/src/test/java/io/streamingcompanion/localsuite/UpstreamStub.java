package io.streamingcompanion.localsuite;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the services behind the router, and records what reached it: every HTTP request (answered
 * 200 with the URI and body it saw), every WebSocket upgrade, and how each socket ended.
 *
 * <p>Sockets echo text and binary messages. A text message {@code close <code> <reason>} makes the stub
 * close with that code, and {@code ping <payload>} makes it send a ping. Upgrades to
 * {@code /streaming/refuse-401} and {@code /streaming/refuse-403} are refused as an authenticated
 * endpoint would refuse them.
 */
final class UpstreamStub implements AutoCloseable {

    record Seen(String method, String uri, MultiMap headers) {
    }

    record Closure(Short code, String reason) {
    }

    // epoll, for the domain socket (the router reaches the gateway through one).
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    private final HttpServer server;
    private final HttpServer domainSocketServer;
    private final Path domainSocket;
    private final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final List<Seen> upgrades = new CopyOnWriteArrayList<>();
    private final Queue<Closure> closures = new ConcurrentLinkedQueue<>();
    private final Queue<String> pingsReceived = new ConcurrentLinkedQueue<>();
    private final AtomicInteger socketsOpened = new AtomicInteger();
    private final AtomicInteger socketsClosed = new AtomicInteger();

    UpstreamStub() throws Exception {
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("No native transport: " + vertx.unavailableNativeTransportCause());
        }
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setWebSocketSubProtocols(List.of("bearer-token-carrier")))
                .requestHandler(this::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        domainSocket = Files.createTempDirectory("upstream-stub").resolve("upstream.sock");
        domainSocketServer = vertx.createHttpServer(new HttpServerOptions()
                        .setWebSocketSubProtocols(List.of("bearer-token-carrier")))
                .requestHandler(this::handle);
        domainSocketServer.listen(SocketAddress.domainSocketAddress(domainSocket.toString()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Where the stub listens on loopback TCP. */
    SocketAddress tcpAddress() {
        return SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
    }

    /** Where the stub listens on a Unix domain socket, as the gateway does for the local origin. */
    SocketAddress domainSocketAddress() {
        return SocketAddress.domainSocketAddress(domainSocket.toString());
    }

    List<Seen> requests() {
        return requests;
    }

    List<Seen> upgrades() {
        return upgrades;
    }

    Queue<Closure> closures() {
        return closures;
    }

    Queue<String> pingsReceived() {
        return pingsReceived;
    }

    int socketsOpened() {
        return socketsOpened.get();
    }

    int socketsClosed() {
        return socketsClosed.get();
    }

    private void handle(HttpServerRequest request) {
        Seen seen = new Seen(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            requests.add(seen);
            request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("uri", request.uri()).put("body", body.toString()).encode()));
            return;
        }
        upgrades.add(seen);
        if (request.path().equals("/streaming/refuse-401")) {
            request.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader("Content-Type", "application/json").end("{\"refused\":401}");
        } else if (request.path().equals("/streaming/refuse-403")) {
            request.response().setStatusCode(403).end();
        } else {
            request.toWebSocket().onSuccess(this::echo);
        }
    }

    private void echo(ServerWebSocket socket) {
        socketsOpened.incrementAndGet();
        socket.closeHandler(v -> {
            closures.add(new Closure(socket.closeStatusCode(), socket.closeReason()));
            socketsClosed.incrementAndGet();
        });
        socket.frameHandler(frame -> {
            if (frame.isPing()) {
                pingsReceived.add(frame.binaryData().toString());
            }
        });
        socket.textMessageHandler(text -> {
            if (text.startsWith("close ")) {
                String[] command = text.split(" ", 3);
                socket.close(Short.parseShort(command[1]), command[2]);
            } else if (text.startsWith("ping ")) {
                socket.writePing(Buffer.buffer(text.substring("ping ".length())));
            } else {
                socket.writeTextMessage(text);
            }
        });
        socket.binaryMessageHandler(socket::writeBinaryMessage);
        socket.exceptionHandler(error -> { });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Files.deleteIfExists(domainSocket);
        Files.deleteIfExists(domainSocket.getParent());
    }
}
