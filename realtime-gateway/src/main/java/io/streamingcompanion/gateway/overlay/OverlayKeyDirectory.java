package io.streamingcompanion.gateway.overlay;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Which creator an overlay key belongs to. Gateways never hold keys, only their SHA-256: learnt from
 * {@code streaming.overlay.key-changed} into Redis (shared by all replicas), or asked of session-service
 * when a key has not been seen yet. A rotated-away hash is deleted the moment its event arrives.
 */
@ApplicationScoped
public class OverlayKeyDirectory {

    private static final String KEY_PREFIX = "gateway:overlay-key:";
    /**
     * Cached answers expire: a rotation that happened while no gateway was consuming (so its event was never
     * applied) stops the old key within this time, when session-service is asked again.
     */
    private static final SetArgs CACHE_FOR = new SetArgs().ex(java.time.Duration.ofMinutes(10));

    /**
     * In-process answers for a few seconds: after a gateway restart every OBS overlay reconnects at once,
     * and a thousand identical Redis reads would only queue behind each other. Rotations clear it at once.
     */
    private static final long LOCAL_MILLIS = 15_000;

    private record Known(String creatorId, long until) {
    }

    private final java.util.Map<String, Known> local = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReactiveValueCommands<String, String> values;
    private final SessionServiceClient sessionService;

    public OverlayKeyDirectory(ReactiveRedisDataSource redis, @RestClient SessionServiceClient sessionService) {
        this.values = redis.value(String.class);
        this.sessionService = sessionService;
    }

    /** The creator the key belongs to, or null when it is no valid key. */
    public Uni<String> ownerOf(String keyHash) {
        Known known = local.get(keyHash);
        if (known != null && known.until() > System.currentTimeMillis()) {
            return Uni.createFrom().item(known.creatorId());
        }
        return values.get(KEY_PREFIX + keyHash)
                .onFailure().recoverWithNull()
                .chain(owner -> owner != null ? Uni.createFrom().item(owner) : askSessionService(keyHash))
                .invoke(owner -> {
                    if (owner != null) {
                        local.put(keyHash, new Known(owner, System.currentTimeMillis() + LOCAL_MILLIS));
                    }
                });
    }

    public Uni<Void> changed(String creatorId, String keyHash, String previousKeyHash) {
        if (previousKeyHash != null) {
            local.remove(previousKeyHash);
        }
        Uni<Void> forget = previousKeyHash == null ? Uni.createFrom().voidItem()
                : values.getdel(KEY_PREFIX + previousKeyHash).replaceWithVoid();
        return forget.chain(() -> values.set(KEY_PREFIX + keyHash, creatorId, CACHE_FOR));
    }

    private Uni<String> askSessionService(String keyHash) {
        return sessionService.overlayOwner(keyHash)
                .map(owner -> owner == null ? null : owner.creatorId())
                .call(owner -> owner == null ? Uni.createFrom().voidItem() : values.set(KEY_PREFIX + keyHash, owner, CACHE_FOR))
                .onFailure().recoverWithItem(failure -> {
                    if (isNotFound(failure)) {
                        Log.debugf("Overlay key not resolved: %s", failure.getMessage());
                    } else {
                        // 401 here means this gateway's STREAMING_INTERNAL_SERVICE_TOKEN differs from session-service's.
                        Log.warnf("session-service could not resolve an overlay key: %s", failure.getMessage());
                    }
                    return null;
                });
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() == 404;
    }
}
