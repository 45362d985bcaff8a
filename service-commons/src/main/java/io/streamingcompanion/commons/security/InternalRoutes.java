package io.streamingcompanion.commons.security;

import io.streamingcompanion.commons.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The check every service with {@code /internal/*} routes applies in its request filter: those routes answer
 * only callers holding the deployment's service token ({@link ServiceToken}); a creator's bearer token does not
 * open them. The ingress never routes them and NetworkPolicies keep others away; this holds when both fail.
 */
public final class InternalRoutes {

    private InternalRoutes() {
    }

    /** @return null when the request may go on, else the 401 to answer with */
    public static Response refuseWithoutServiceToken(String expectedToken, ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal/") && !path.equals("/internal")) {
            return null;
        }
        if (Secrets.matches(expectedToken, request.getHeaderString(ServiceToken.HEADER))) {
            return null;
        }
        Problem problem = new Problem("urn:streaming:problem:service-token-required", "Unauthorized", 401,
                "Internal routes need the service token", path, List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
