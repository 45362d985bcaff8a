package io.streamingcompanion.goalmenu.support;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.streamingcompanion.commons.problem.ProblemExceptionMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * quarkus-rest-jackson answers a body field of the wrong type (a sessionId that is not a UUID, cents as
 * text or with a fraction) with its own plain-JSON 400, because its mapper is more specific than the
 * commons' {@code JsonProcessingException} one. This sends those through the commons' problem+json.
 */
public class MismatchedInputProblemMapper {

    private final ProblemExceptionMappers problems = new ProblemExceptionMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
