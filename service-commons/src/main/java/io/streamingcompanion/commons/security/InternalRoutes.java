package io.streamingcompanion.commons.security;

import io.streamingcompanion.commons.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The check every service that serves {@code /internal/*} makes: only callers holding the deployment's
 * service token get through. The ingress never routes these paths and NetworkPolicies keep others away;
 * this is what holds when a request gets past both. A creator's bearer token does not open them.
 */
public final class InternalRoutes {

    private InternalRoutes() {
    }

    public static boolean isInternal(String path) {
        return path.startsWith("/internal/") || path.equals("/internal");
    }

    /** Null to let the request through; otherwise the 401 to answer with. */
    public static Response refuseWithoutServiceToken(String expectedToken, ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isInternal(path) || Secrets.matches(expectedToken, request.getHeaderString(ServiceToken.HEADER))) {
            return null;
        }
        Problem problem = new Problem("urn:streaming:problem:service-token-required", "Unauthorized", 401,
                "Internal routes need the service token", path, List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
