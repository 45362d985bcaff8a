package io.streamingcompanion.commons.rest;

import io.streamingcompanion.commons.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, before any resource runs, a path or query value that decodes to a control character (NUL
 * first of all): no id, page or name contains one, and PostgreSQL cannot store NUL in text.
 */
public class TextParameterFilter {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (hasControlCharacter(path) || hasControlCharacter(request.getUriInfo().getQueryParameters())) {
            Problem problem = new Problem("urn:streaming:problem:invalid-characters", "Bad Request", 400,
                    "Path and query values must not contain control characters", null, List.of());
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
        }
        return null;
    }

    private static boolean hasControlCharacter(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasControlCharacter(parameter.getKey())) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (hasControlCharacter(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
