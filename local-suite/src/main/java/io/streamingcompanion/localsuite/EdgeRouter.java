package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The single local origin: routes {@code /api/...}, {@code /streaming} (WebSockets included) and
 * {@code /overlay} to the owning service by the ingress route table, never {@code /q} or {@code /internal},
 * and serves {@code /dev/token}, which only exists here because only the launcher holds the development
 * signing key. What each request gets is {@link OriginRequestHandler}'s decision.
 *
 * <p>One server per core, each on its own event loop, sharing the port: Vert.x hands each accepted connection to
 * one of them in turn. A single server ran every connection on one thread, so a tip's frames to 1,000 overlay
 * sockets were relayed one after the other on one core while the other had room.
 */
final class EdgeRouter implements AutoCloseable {

    private final Vertx vertx;
    private final List<HttpServer> servers;

    private EdgeRouter(Vertx vertx, List<HttpServer> servers) {
        this.vertx = vertx;
        this.servers = servers;
    }

    /**
     * @param services where each service is reached: its port on loopback, or its Unix domain socket
     * @param handoffSockets where services that take over their clients' WebSockets ({@link WebSocketHandoff}) take them
     */
    static EdgeRouter start(int port, RouteTable routes, Map<String, SocketAddress> services, Map<String, Path> handoffSockets,
                            DevTokenIssuer tokens) {
        // epoll, as the services: every relayed WebSocket frame is a read and a write here, and domain sockets need it.
        int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        OriginRequestHandler handler = new OriginRequestHandler(routes, services, tokens,
                vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)),
                new WebSocketHandoff(WebSocketRelay.create(vertx), handoffSockets));
        HttpServerOptions options = new HttpServerOptions()
                // Loopback only: /dev/token mints a token for any creator, which nobody else on the network may reach.
                .setHost("127.0.0.1")
                .setPort(port == 0 ? freePort() : port);
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        try {
            // Servers of one Vert.x on the same port share it (port 0 would give each a port of its own).
            listen(vertx, options, handler, servers, loops);
            if (servers.stream().mapToInt(HttpServer::actualPort).distinct().count() != 1) {
                throw new IllegalStateException("The router's servers listen on different ports: "
                        + servers.stream().map(HttpServer::actualPort).toList());
            }
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The edge router could not listen on port " + port
                    + " (is another suite or program using it?)", e);
        }
        return new EdgeRouter(vertx, servers);
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the edge router", e);
        }
    }

    /** {@code instances} servers, each created on an event loop of its own (a verticle instance's context). */
    private static void listen(Vertx vertx, HttpServerOptions options, OriginRequestHandler handler,
                               List<HttpServer> servers, int instances) throws Exception {
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
                servers.add(server);
                server.listen().<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return servers.get(0).actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
