package io.streamingcompanion.gateway.service;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import io.streamingcompanion.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Decides whether a creator may follow a session. Owners are learnt from session events and cached in
 * Redis (shared by every replica); a session the gateway has not heard of yet is checked with
 * session-service, which is the source of truth.
 */
@ApplicationScoped
public class SessionAccessService {

    public enum Access { GRANTED, NOT_FOUND, UNAVAILABLE }

    private static final String OWNER_KEY = "gateway:session-owner:";

    private final ReactiveValueCommands<String, String> values;
    private final SessionServiceClient sessionService;
    private final GatewayConfig config;

    public SessionAccessService(ReactiveRedisDataSource redis, @RestClient SessionServiceClient sessionService,
                                GatewayConfig config) {
        this.values = redis.value(String.class);
        this.sessionService = sessionService;
        this.config = config;
    }

    public Uni<Void> rememberOwner(String sessionId, String creatorId) {
        return values.set(OWNER_KEY + sessionId, creatorId, new SetArgs().ex(config.ownerCacheTtl()));
    }

    public Uni<Access> check(String creatorId, String sessionId, String bearerToken) {
        return values.get(OWNER_KEY + sessionId).chain(owner -> {
            if (owner != null) {
                return Uni.createFrom().item(owner.equals(creatorId) ? Access.GRANTED : Access.NOT_FOUND);
            }
            return askSessionService(creatorId, sessionId, bearerToken);
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Access to session %s could not be checked: %s", sessionId, failure.getMessage());
            return Access.UNAVAILABLE;
        });
    }

    private Uni<Access> askSessionService(String creatorId, String sessionId, String bearerToken) {
        return sessionService.get(sessionId, "Bearer " + bearerToken)
                .chain(response -> switch (response.getStatus()) {
                    case 200 -> rememberOwner(sessionId, creatorId).replaceWith(Access.GRANTED);
                    case 400, 404 -> Uni.createFrom().item(Access.NOT_FOUND);
                    default -> Uni.createFrom().item(Access.UNAVAILABLE);
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("session-service could not be asked about session %s: %s", sessionId, failure.getMessage());
                    return Access.UNAVAILABLE;
                });
    }
}
