package io.streamingcompanion.gateway.dashboard;

import io.streamingcompanion.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tells the dashboard how creators sign in, read before anything else: the launcher's "sign in as" form
 * ({@code local}), the OIDC issuer ({@code oidc}), or neither ({@code none}: the page says so). Public and
 * secret-free: the issuer and its public client id are what the browser redirects to anyway.
 */
@Path("/dashboard-config.json")
@Tag(name = "Creator dashboard")
public class DashboardSettingsResource {

    public record Oidc(String issuer, String clientId, String scope) {
    }

    public record DashboardSettings(String signIn, Oidc oidc, String livekitUrl) {
    }

    private final DashboardSettings settings;

    public DashboardSettingsResource(GatewayConfig config) {
        GatewayConfig.Dashboard dashboard = config.dashboard();
        Oidc oidc = dashboard.oidcIssuer().map(String::trim).filter(issuer -> !issuer.isEmpty())
                .map(issuer -> new Oidc(issuer, dashboard.oidcClientId(), "openid profile"))
                .orElse(null);
        String signIn = dashboard.devSignIn() ? "local" : oidc != null ? "oidc" : "none";
        this.settings = new DashboardSettings(signIn, oidc, dashboard.livekitUrl().orElse(null));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the creator dashboard signs creators in")
    public Response settings() {
        return Response.ok(settings).header("Cache-Control", "no-cache").build();
    }
}
