package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The single local origin: routes {@code /api/...}, {@code /streaming} (WebSockets included) and
 * {@code /overlay} to the owning service by the ingress route table, never {@code /q} or {@code /internal},
 * and serves {@code /dev/token}, which only exists here because only the launcher holds the development
 * signing key. What each request gets is {@link OriginRequestHandler}'s decision.
 */
final class EdgeRouter implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private EdgeRouter(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** @param services where each service is reached: its port on loopback, or its Unix domain socket */
    static EdgeRouter start(int port, RouteTable routes, Map<String, SocketAddress> services, DevTokenIssuer tokens) {
        // epoll, as the services: every relayed WebSocket frame is a read and a write here, and domain sockets need it.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        OriginRequestHandler handler = new OriginRequestHandler(routes, services, tokens,
                vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)),
                WebSocketRelay.create(vertx));
        HttpServerOptions options = new HttpServerOptions()
                // Loopback only: /dev/token mints a token for any creator, which nobody else on the network may reach.
                .setHost("127.0.0.1")
                .setPort(port);
        HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The edge router could not listen on port " + port
                    + " (is another suite or program using it?)", e);
        }
        return new EdgeRouter(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        vertx.close();
    }
}
