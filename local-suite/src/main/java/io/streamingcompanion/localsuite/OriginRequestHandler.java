package io.streamingcompanion.localsuite;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every request to the origin: its path judged by {@link PathGuard}, then routed by the ingress table on
 * the checked path alone, to the owning service (WebSockets handed over or relayed: {@link WebSocketHandoff}), to
 * {@code /dev/token}, or nowhere.
 */
final class OriginRequestHandler implements Handler<HttpServerRequest> {

    static final Duration DEV_TOKEN_TTL = Duration.ofHours(12);

    private static final Logger LOG = Logger.getLogger(OriginRequestHandler.class);

    private final RouteTable routes;
    private final Map<String, SocketAddress> serviceAddresses;
    private final DevTokenIssuer tokens;
    private final HttpClient services;
    private final WebSocketHandoff webSockets;

    OriginRequestHandler(RouteTable routes, Map<String, SocketAddress> serviceAddresses, DevTokenIssuer tokens,
                         HttpClient services, WebSocketHandoff webSockets) {
        this.routes = routes;
        this.serviceAddresses = Map.copyOf(serviceAddresses);
        this.tokens = tokens;
        this.services = services;
        this.webSockets = webSockets;
    }

    @Override
    public void handle(HttpServerRequest request) {
        PathGuard.Verdict verdict = PathGuard.inspect(request.path());
        if (verdict instanceof PathGuard.Refused refused) {
            ProblemDetails.send(request.response(), 400, "Bad Request", refused.reason());
            return;
        }
        String path = ((PathGuard.Accepted) verdict).path();
        Optional<RouteTable.Route> route = PathGuard.isPrivate(path) ? Optional.empty() : routes.route(path);
        if (path.equals("/dev/token")) {
            issueToken(request);
        } else if (route.isEmpty()) {
            ProblemDetails.send(request.response(), 404, "Not Found", "No service serves " + path);
        } else {
            SocketAddress service = serviceAddresses.get(route.get().service());
            String uri = request.query() == null ? path : path + "?" + request.query();
            if (WebSocketRelay.isUpgrade(request)) {
                webSockets.route(request, route.get().service(), service, uri);
            } else {
                forward(request, service, uri);
            }
        }
    }

    private void forward(HttpServerRequest request, SocketAddress service, String uri) {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        if (transferEncoding != null && !transferEncoding.trim().equalsIgnoreCase("chunked")) {
            // A body whose end the router cannot tell cannot be relayed.
            ProblemDetails.send(request.response(), 400, "Bad Request", "Unsupported Transfer-Encoding " + transferEncoding);
            return;
        }
        ProxyRequest proxied = ProxyRequest.reverseProxy(request).setURI(uri);
        // Services build absolute URLs (Location) from Host: it must be the origin's, as behind the ingress.
        if (request.authority() != null) {
            proxied.setAuthority(request.authority());
        }
        proxied.putHeader("X-Forwarded-Proto", request.scheme());
        proxied.putHeader("X-Forwarded-For", request.remoteAddress().hostAddress());
        services.request(new RequestOptions().setServer(service))
                .compose(proxied::send)
                .compose(ProxyResponse::send)
                .onFailure(error -> {
                    LOG.debugf("Forwarding %s %s failed: %s", request.method(), uri, error);
                    if (!request.response().headWritten()) {
                        proxied.release();
                        // As an ingress with no ready backend: retryable, the service is restarting or down.
                        ProblemDetails.serviceUnavailable(request.response(),
                                "The service behind " + request.path() + " did not answer; retry later");
                    }
                });
    }

    private void issueToken(HttpServerRequest request) {
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
}
