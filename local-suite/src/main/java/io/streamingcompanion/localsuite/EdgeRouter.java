package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.vertx.httpproxy.ProxyOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The single local origin: routes {@code /api/...}, {@code /streaming} (WebSockets included) and
 * {@code /overlay} to the owning service by the ingress route table, and serves {@code /dev/token}, which
 * only exists here because only the launcher holds the development signing key.
 */
final class EdgeRouter implements AutoCloseable {

    static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);

    private final Vertx vertx;
    private final HttpServer server;

    private EdgeRouter(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static EdgeRouter start(int port, RouteTable routes, Map<String, Integer> servicePorts, DevTokenIssuer tokens) {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true));
        // Upgrades never reach the proxy: a WebSocket it tunnels keeps its pooled connection for good.
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .originSelector(request -> routes.route(request.path())
                        .map(route -> Future.succeededFuture(serviceAddress(servicePorts, route)))
                        .orElseGet(() -> Future.failedFuture("no route")))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        // Services build absolute URLs (Location) from Host: it must be the origin's, as behind the ingress.
                        HttpServerRequest original = context.request().proxiedRequest();
                        if (original.authority() != null) {
                            context.request().setAuthority(original.authority());
                        }
                        context.request().putHeader("X-Forwarded-Proto", original.scheme());
                        context.request().putHeader("X-Forwarded-For", original.remoteAddress().hostAddress());
                        return context.sendRequest();
                    }
                });
        HttpServerOptions options = new HttpServerOptions()
                // Loopback only: /dev/token mints a token for any creator, which nobody else on the network may reach.
                .setHost("127.0.0.1")
                .setPort(port)
                // The browser's token sub-protocol travels to the gateway; this one is what we answer with.
                .setWebSocketSubProtocols(List.of("bearer-token-carrier"));
        WebSocketRelay webSockets = WebSocketRelay.create(vertx);
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> {
            String path = request.path();
            Optional<RouteTable.Route> route = routes.route(path);
            if (path.equals("/dev/token")) {
                issueToken(request, tokens);
            } else if (route.isEmpty()) {
                notFound(request);
            } else if (WebSocketRelay.isUpgrade(request)) {
                webSockets.relay(request, serviceAddress(servicePorts, route.get()), request.uri());
            } else {
                proxy.handle(request);
            }
        });
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

    private static SocketAddress serviceAddress(Map<String, Integer> servicePorts, RouteTable.Route route) {
        return SocketAddress.inetSocketAddress(servicePorts.get(route.service()), "127.0.0.1");
    }

    private static void issueToken(HttpServerRequest request, DevTokenIssuer tokens) {
        String subject = request.getParam("sub");
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            ProblemDetails.send(request.response(), 400, "Bad Request",
                    "Query parameter sub (the creator id) is required, at most 255 characters");
            return;
        }
        String token = tokens.issue(subject, request.getParam("name"), DEV_TOKEN_TTL);
        request.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("token", token).put("tokenType", "Bearer")
                        .put("expiresIn", DEV_TOKEN_TTL.toSeconds()).put("sub", subject).encode());
    }

    private static void notFound(HttpServerRequest request) {
        ProblemDetails.send(request.response(), 404, "Not Found", "No service serves " + request.path());
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
