package io.streamingcompanion.gateway.dashboard;

import io.quarkus.logging.Log;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The creator dashboard's page (module creator-dashboard, a single-page application whose files this
 * gateway serves from {@code META-INF/resources}). Its own routes ({@code /live}, {@code /watch/alice}, ...)
 * all answer the same {@code index.html}, so a reload or a shared link opens the right view; every other
 * path ({@code /api}, {@code /streaming}, {@code /overlay}, {@code /q}) is left to its owner. The page carries
 * a strict Content-Security-Policy: scripts and styles only from files of this origin (Vite emits none
 * inline), connections only to this origin (CSP 3 {@code 'self'} includes its ws:/wss:), the LiveKit server
 * and the OIDC issuer.
 */
@ApplicationScoped
public class DashboardPage {

    /** The client-side routes of the dashboard (creator-dashboard/src/main/webapp/src/App.tsx). */
    static final String CLIENT_ROUTES =
            "/(index\\.html|signin|auth/callback|live|menu|chatbot|obs|go-live|analytics|connectors|watch/[^/]+)?/?";

    private final String contentSecurityPolicy;
    private final Buffer page;

    public DashboardPage(GatewayConfig config) {
        this.contentSecurityPolicy = contentSecurityPolicy(config.dashboard());
        this.page = load();
    }

    void routes(@Observes Router router) {
        router.getWithRegex(CLIENT_ROUTES).handler(this::serve);
        router.headWithRegex(CLIENT_ROUTES).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        var response = context.response()
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        if (page == null) {
            response.setStatusCode(503).putHeader("Content-Type", "text/plain;charset=utf-8")
                    .end("The dashboard was not built into this gateway (module creator-dashboard).");
            return;
        }
        response.putHeader("Content-Type", "text/html;charset=utf-8")
                .putHeader("Content-Security-Policy", contentSecurityPolicy)
                .end(page);
    }

    static String contentSecurityPolicy(GatewayConfig.Dashboard dashboard) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        dashboard.livekitUrl().map(String::trim).filter(url -> !url.isEmpty()).ifPresent(url -> {
            // livekit-client opens the signalling socket and, after a failure, asks the same host over HTTP;
            // the URL may be configured either way (LIVEKIT_URL is often https://).
            String origin = origin(url);
            boolean secure = origin.startsWith("wss:") || origin.startsWith("https:");
            String hostAndPort = origin.substring(origin.indexOf("://"));
            connect.add((secure ? "wss" : "ws") + hostAndPort);
            connect.add((secure ? "https" : "http") + hostAndPort);
        });
        dashboard.oidcIssuer().map(String::trim).filter(url -> !url.isEmpty())
                .ifPresent(issuer -> connect.add(origin(issuer)));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; "
                + "media-src 'self' blob: data:; font-src 'self'; connect-src " + String.join(" ", connect) + "; "
                + "frame-src 'self'; worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    }

    /** scheme://host[:port] of a configured URL: a CSP source never needs a path, and must not get spaces. */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static Buffer load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream("/META-INF/resources/index.html")) {
            if (in == null) {
                Log.warn("META-INF/resources/index.html is missing: the dashboard is not served");
                return null;
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
