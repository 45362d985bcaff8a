package io.streamingcompanion.session.rest;

import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.commons.problem.Problem;
import io.streamingcompanion.commons.security.Secrets;
import io.streamingcompanion.commons.security.ServiceToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code /internal/*} answers only callers holding the deployment's service token (the gateways). The
 * ingress never routes it and a NetworkPolicy keeps others away; this is the check that holds even when a
 * request gets past both. A creator's bearer token does not open it.
 */
@ApplicationScoped
public class InternalRouteGuard {

    private final String serviceToken;

    public InternalRouteGuard(@ConfigProperty(name = ServiceToken.PROPERTY) String serviceToken) {
        this.serviceToken = serviceToken;
    }

    void onStart(@Observes StartupEvent started) {
        Secrets.requireReal(ServiceToken.ENVIRONMENT, serviceToken, ServiceToken.MIN_LENGTH);
    }

    @ServerRequestFilter
    public Response requireServiceToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal/") && !path.equals("/internal")) {
            return null;
        }
        if (Secrets.matches(serviceToken, request.getHeaderString(ServiceToken.HEADER))) {
            return null;
        }
        Problem problem = new Problem("urn:streaming:problem:service-token-required", "Unauthorized", 401,
                "Internal routes need the service token", path, List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
