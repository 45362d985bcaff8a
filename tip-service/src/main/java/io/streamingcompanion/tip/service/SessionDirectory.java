package io.streamingcompanion.tip.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.tip.client.SessionServiceClient;
import io.streamingcompanion.tip.repository.TipSessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Which sessions exist and whose they are. Learnt from session events; a session not heard of yet (its
 * started event still in flight) is asked of session-service once, with the creator's own token.
 */
@ApplicationScoped
public class SessionDirectory {

    private final TipSessionRepository sessions;
    private final SessionServiceClient sessionService;

    public SessionDirectory(TipSessionRepository sessions, @RestClient SessionServiceClient sessionService) {
        this.sessions = sessions;
        this.sessionService = sessionService;
    }

    /** Completes when the session is known locally; fails with 404 if it is not this creator's. */
    public Uni<Void> ensureKnown(String creatorId, UUID sessionId, String authorization) {
        return sessions.findById(sessionId).chain(known -> {
            if (known != null) {
                return known.creatorId.equals(creatorId) ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(sessionId));
            }
            if (authorization == null) {
                return Uni.createFrom().failure(notFound(sessionId));
            }
            return sessionService.get(sessionId, authorization)
                    .onFailure(WebApplicationException.class).transform(failure ->
                            ((WebApplicationException) failure).getResponse().getStatus() == 404 ? notFound(sessionId) : unavailable(failure))
                    .onFailure(failure -> !(failure instanceof ApiException)).transform(SessionDirectory::unavailable)
                    .chain(view -> {
                        if (view == null || !creatorId.equals(view.creatorId())) {
                            return Uni.createFrom().failure(notFound(sessionId));
                        }
                        return Panache.withTransaction(() -> sessions.insertIfAbsent(sessionId, creatorId, "active".equals(view.status())))
                                .replaceWithVoid();
                    });
        });
    }

    public Uni<Void> started(UUID sessionId, String creatorId) {
        return sessions.insertIfAbsent(sessionId, creatorId, true).replaceWithVoid();
    }

    public Uni<Void> ended(UUID sessionId, String creatorId) {
        return sessions.insertIfAbsent(sessionId, creatorId, false).chain(() -> sessions.markEnded(sessionId)).replaceWithVoid();
    }

    private static ApiException notFound(UUID sessionId) {
        return ApiException.notFound("Session " + sessionId);
    }

    private static ApiException unavailable(Throwable cause) {
        Log.warnf("session-service could not be asked about a session: %s", cause.getMessage());
        return new ApiException(503, "urn:streaming:problem:dependency-unavailable", "Service Unavailable",
                "The session could not be verified right now; retry the tip with the same Idempotency-Key");
    }
}
