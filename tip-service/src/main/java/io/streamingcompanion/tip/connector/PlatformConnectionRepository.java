package io.streamingcompanion.tip.connector;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Connections and their leases. Lease times are the database's ({@code now()}), one clock for every replica;
 * every write a poller makes is fenced by (lease owner, generation, connected), so a poller that lost its lease
 * or whose connection the creator changed writes nothing and stops.
 */
@ApplicationScoped
@WithSession
public class PlatformConnectionRepository implements PanacheRepositoryBase<PlatformConnection, PlatformConnection.Key> {

    private static final String TABLE = "tip_service.platform_connection";
    private static final String FENCE = " WHERE creator_id = :creator AND platform = :platform AND lease_owner = :owner"
            + " AND generation = :generation AND status = 'connected'";

    /** A fenced poller's view of its connection: who holds it and at which generation. */
    public record Holder(String creatorId, String platform, String owner, long generation) {
        Map<String, Object> parameters() {
            return Map.of("creator", creatorId, "platform", platform, "owner", owner, "generation", generation);
        }
    }

    public Uni<PlatformConnection> findOwned(String creatorId, String platform) {
        return findById(new PlatformConnection.Key(creatorId, platform));
    }

    public Uni<PlatformConnection> lockOwned(String creatorId, String platform) {
        return findById(new PlatformConnection.Key(creatorId, platform), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<PlatformConnection> findByAccount(String platform, String account) {
        return find("key.platform = ?1 and lower(account) = lower(?2)", platform, account).firstResult();
    }

    /**
     * Takes up to {@code limit} connected feeds whose lease has expired (or was never taken); rows another replica
     * is claiming at this moment are skipped, not waited for. Returns every feed this owner now holds.
     */
    public Uni<List<PlatformConnection>> claim(String owner, Duration lease, int limit) {
        String sql = "UPDATE " + TABLE + " SET lease_owner = :owner, lease_until = now() + make_interval(secs => :seconds)"
                + " WHERE (creator_id, platform) IN (SELECT creator_id, platform FROM " + TABLE
                + " WHERE status = 'connected' AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until < now())"
                + " ORDER BY lease_until NULLS FIRST LIMIT :limit FOR UPDATE SKIP LOCKED)";
        return execute(sql, Map.of("owner", owner, "seconds", (double) lease.toMillis() / 1000, "limit", limit))
                .chain(() -> list("leaseOwner = ?1 and status = ?2", owner, PlatformConnection.CONNECTED));
    }

    /** Extends the holder's lease; 0 when it no longer holds the connection at that generation. */
    public Uni<Integer> renew(Holder holder, Duration lease) {
        return execute("UPDATE " + TABLE + " SET lease_until = now() + make_interval(secs => :seconds)" + FENCE,
                with(holder.parameters(), "seconds", (double) lease.toMillis() / 1000));
    }

    /** The feed's new position (encrypted), after a page was applied; 0 when the holder was fenced off. */
    public Uni<Integer> advance(Holder holder, String nextUrl, boolean hadEvents) {
        return execute("UPDATE " + TABLE + " SET next_url = :next, last_poll_at = now(), last_error = NULL, error_since = NULL"
                + (hadEvents ? ", last_event_at = now()" : "") + FENCE, with(holder.parameters(), "next", nextUrl));
    }

    /** A failed request; the error stays until a request succeeds. 0 when the holder was fenced off. */
    public Uni<Integer> failed(Holder holder, String error) {
        return execute("UPDATE " + TABLE + " SET last_error = :error, error_since = coalesce(error_since, now()),"
                + " last_poll_at = now()" + FENCE, with(holder.parameters(), "error", error));
    }

    /** The platform refused the token: the feed stops until the creator resumes or reconnects it. */
    public Uni<Integer> revoke(Holder holder, String reason) {
        return execute("UPDATE " + TABLE + " SET status = 'revoked', last_error = :error, error_since = now(),"
                + " updated_at = now(), lease_owner = NULL, lease_until = NULL" + FENCE,
                with(holder.parameters(), "error", reason));
    }

    /** Gives a lease up (a stopping poller), so another replica can take the feed without waiting for expiry. */
    public Uni<Integer> release(String creatorId, String platform, String owner) {
        return execute("UPDATE " + TABLE + " SET lease_owner = NULL, lease_until = NULL"
                + " WHERE creator_id = :creator AND platform = :platform AND lease_owner = :owner",
                Map.of("creator", creatorId, "platform", platform, "owner", owner));
    }

    private static Map<String, Object> with(Map<String, Object> parameters, String name, Object value) {
        Map<String, Object> all = new java.util.HashMap<>(parameters);
        all.put(name, value);
        return all;
    }

    private Uni<Integer> execute(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
