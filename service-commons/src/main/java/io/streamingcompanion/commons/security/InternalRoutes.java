package io.streamingcompanion.commons.security;

import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.commons.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The guard of {@code /internal/*} in every service that serves such routes ({@code streaming.internal-routes.served=true}):
 * they answer only callers holding the deployment's service token ({@link ServiceToken}); a creator's bearer token
 * does not open them, and such a service does not start without a real token. The ingress never routes these
 * paths and NetworkPolicies keep others away; this holds when both fail.
 */
@ApplicationScoped
public class InternalRoutes {

    public static final String SERVED_PROPERTY = "streaming.internal-routes.served";

    private final String serviceToken;
    private final boolean served;

    public InternalRoutes(@ConfigProperty(name = ServiceToken.PROPERTY) Optional<String> serviceToken,
                          @ConfigProperty(name = SERVED_PROPERTY, defaultValue = "false") boolean served) {
        this.serviceToken = serviceToken.orElse(null);
        this.served = served;
    }

    void onStart(@Observes StartupEvent started) {
        if (served) {
            Secrets.requireReal(ServiceToken.ENVIRONMENT, serviceToken, ServiceToken.MIN_LENGTH);
        }
    }

    /** Null when the request may go on, else the 401 to answer with. */
    @ServerRequestFilter
    public Response requireServiceToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!served || (!path.startsWith("/internal/") && !path.equals("/internal"))) {
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
