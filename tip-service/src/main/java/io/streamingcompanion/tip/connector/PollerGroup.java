package io.streamingcompanion.tip.connector;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.streamingcompanion.tip.connector.PlatformConnectionRepository.Holder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The feeds one replica polls: it claims feeds whose lease expired (or was never taken) every claim interval
 * and runs one {@link FeedPoller} for each feed it holds. The lease, not this map, decides who polls: a group
 * that stops renewing (a crashed replica) loses its feeds to another group when the leases expire.
 */
public final class PollerGroup {

    private final ConnectorRuntime runtime;
    private final String owner;
    private final Map<PlatformConnection.Key, FeedPoller> running = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    PollerGroup(ConnectorRuntime runtime, String owner) {
        this.runtime = runtime;
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    public synchronized void start() {
        stopped = false;
        timer = runtime.vertx().setPeriodic(runtime.config().claimInterval().toMillis(), id -> claim());
        claim();
    }

    /** Looks for feeds to take now (after a creator connected one) rather than at the next interval. */
    public void claim() {
        if (stopped || !claiming.compareAndSet(false, true)) {
            return;
        }
        int room = runtime.config().maxFeedsPerReplica() - running.size();
        runtime.detached(() -> Panache.withTransaction(() -> runtime.connections().claim(owner, runtime.config().leaseDuration(),
                        Math.max(0, room))))
                .subscribe().with(held -> {
                    claiming.set(false);
                    startPollers(held);
                }, failure -> {
                    claiming.set(false);
                    Log.warnf("Claiming feeds failed: %s", failure.getClass().getSimpleName());
                });
    }

    private void startPollers(List<PlatformConnection> held) {
        for (PlatformConnection connection : held) {
            FeedPoller current = running.get(connection.key);
            if (stopped || current != null && current.holder().generation() == connection.generation) {
                continue;
            }
            if (current != null) {
                // The creator changed the connection: the old poller is fenced off and stops; start afresh.
                current.stop(false);
            }
            PlatformAdapter adapter = runtime.adapter(connection.key.platform());
            if (adapter == null) {
                continue;
            }
            String sealed = connection.nextUrl != null ? connection.nextUrl : connection.eventsUrl;
            String position = runtime.cipher().decrypt(sealed, connection.key.creatorId(), connection.key.platform());
            Holder holder = new Holder(connection.key.creatorId(), connection.key.platform(), owner, connection.generation);
            FeedPoller poller = new FeedPoller(runtime, this, adapter, holder, position, connection.lastError != null);
            running.put(connection.key, poller);
            poller.start();
        }
    }

    /** A poller ended (stopped, fenced off or revoked); the next claim may start a new one for its feed. */
    void finished(FeedPoller poller) {
        PlatformConnection.Key key = new PlatformConnection.Key(poller.holder().creatorId(), poller.holder().platform());
        running.remove(key, poller);
    }

    /** How many feeds this group polls now. */
    public int polling() {
        return running.size();
    }

    /**
     * Stops every poller. {@code release} gives the leases back at once (a clean shutdown); without it the feeds
     * stay claimed until their leases expire, as after a crash.
     */
    public synchronized void stop(boolean release) {
        stopped = true;
        if (timer >= 0) {
            runtime.vertx().cancelTimer(timer);
            timer = -1;
        }
        running.values().forEach(poller -> poller.stop(release));
    }
}
