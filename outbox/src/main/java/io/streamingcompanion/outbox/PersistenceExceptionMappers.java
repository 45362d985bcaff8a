package io.streamingcompanion.outbox;

import io.streamingcompanion.commons.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Two writers raced on the same row and this one lost: the client should re-read and retry, not see a 500. */
public class PersistenceExceptionMappers {

    @ServerExceptionMapper
    public Response concurrentModification(StaleStateException e, UriInfo uri) {
        return conflict(uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(jakarta.persistence.OptimisticLockException e, UriInfo uri) {
        return conflict(uri);
    }

    private static Response conflict(UriInfo uri) {
        Problem problem = new Problem("urn:streaming:problem:concurrent-modification", "Conflict", 409,
                "The resource was changed by another request at the same time; read it again and retry",
                uri == null ? null : uri.getPath(), List.of());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
