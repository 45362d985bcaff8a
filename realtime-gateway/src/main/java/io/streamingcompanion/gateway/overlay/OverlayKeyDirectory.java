package io.streamingcompanion.gateway.overlay;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import io.streamingcompanion.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Bounds the in-process maps: guessed keys must not grow them without limit. */
    private static final int MAX_REMEMBERED = 10_000;

    /** What a key hash is: a creator's, nobody's, or not known right now (Redis and session-service away). */
    public record Lookup(String creatorId, boolean unavailable) {

        static final Lookup UNKNOWN = new Lookup(null, false);
        static final Lookup UNAVAILABLE = new Lookup(null, true);

        public boolean admits() {
            return creatorId != null;
        }
    }

    private record Known(String creatorId, long until) {
    }

    private final Map<String, Known> local = new ConcurrentHashMap<>();
    /** Hashes that admitted nothing, until when: a key retried in a loop costs no Redis or database lookup. */
    private final Map<String, Long> unknown = new ConcurrentHashMap<>();
    /**
     * Bumped by every key change: a lookup that started before a key was learnt must not remember it as
     * unknown afterwards (the event would have cleared the entry before the stale answer wrote it).
     */
    private final AtomicLong changes = new AtomicLong();
    private final ReactiveValueCommands<String, String> values;
    private final SessionServiceClient sessionService;
    private final long unknownMillis;

    public OverlayKeyDirectory(ReactiveRedisDataSource redis, @RestClient SessionServiceClient sessionService,
                               GatewayConfig config) {
        this.values = redis.value(String.class);
        this.sessionService = sessionService;
        this.unknownMillis = config.overlay().unknownKeyTtl().toMillis();
    }

    /** Whether this replica can answer for the hash from memory, without Redis or session-service. */
    public boolean remembers(String keyHash) {
        long now = System.currentTimeMillis();
        Known known = local.get(keyHash);
        Long unknownUntil = unknown.get(keyHash);
        return (known != null && known.until() > now) || (unknownUntil != null && unknownUntil > now);
    }

    /** Which creator the key belongs to, if any. */
    public Uni<Lookup> ownerOf(String keyHash) {
        long now = System.currentTimeMillis();
        Known known = local.get(keyHash);
        if (known != null && known.until() > now) {
            return Uni.createFrom().item(new Lookup(known.creatorId(), false));
        }
        Long unknownUntil = unknown.get(keyHash);
        if (unknownUntil != null && unknownUntil > now) {
            return Uni.createFrom().item(Lookup.UNKNOWN);
        }
        long changesBefore = changes.get();
        return values.get(KEY_PREFIX + keyHash)
                .onFailure().recoverWithNull()
                .chain(owner -> owner != null ? Uni.createFrom().item(new Lookup(owner, false)) : askSessionService(keyHash))
                .invoke(lookup -> {
                    if (lookup.admits()) {
                        remember(local, keyHash, new Known(lookup.creatorId(), System.currentTimeMillis() + LOCAL_MILLIS));
                    } else if (!lookup.unavailable() && changes.get() == changesBefore) {
                        remember(unknown, keyHash, System.currentTimeMillis() + unknownMillis);
                    }
                });
    }

    private static <V> void remember(Map<String, V> map, String keyHash, V value) {
        if (map.size() >= MAX_REMEMBERED) {
            long now = System.currentTimeMillis();
            map.entrySet().removeIf(entry -> until(entry.getValue()) <= now);
            if (map.size() >= MAX_REMEMBERED) {
                // Still full of live entries (a guessing storm): forgetting only costs lookups, never correctness.
                map.clear();
            }
        }
        map.put(keyHash, value);
    }

    private static long until(Object value) {
        return value instanceof Known known ? known.until() : (Long) value;
    }

    public Uni<Void> changed(String creatorId, String keyHash, String previousKeyHash) {
        changes.incrementAndGet();
        unknown.remove(keyHash);
        if (previousKeyHash != null) {
            local.remove(previousKeyHash);
        }
        Uni<Void> forget = previousKeyHash == null ? Uni.createFrom().voidItem()
                : values.getdel(KEY_PREFIX + previousKeyHash).replaceWithVoid();
        return forget.chain(() -> values.set(KEY_PREFIX + keyHash, creatorId, CACHE_FOR));
    }

    private Uni<Lookup> askSessionService(String keyHash) {
        return sessionService.overlayOwner(keyHash)
                .map(owner -> owner == null || owner.creatorId() == null ? Lookup.UNKNOWN : new Lookup(owner.creatorId(), false))
                .call(lookup -> !lookup.admits() ? Uni.createFrom().voidItem()
                        : values.set(KEY_PREFIX + keyHash, lookup.creatorId(), CACHE_FOR).onFailure().recoverWithNull())
                .onFailure().recoverWithItem(failure -> {
                    if (isNotFound(failure)) {
                        Log.debugf("Overlay key not resolved: %s", failure.getMessage());
                        return Lookup.UNKNOWN;
                    }
                    // 401 here means this gateway's STREAMING_INTERNAL_SERVICE_TOKEN differs from session-service's.
                    Log.warnf("session-service could not resolve an overlay key: %s", failure.getMessage());
                    return Lookup.UNAVAILABLE;
                });
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() == 404;
    }
}
