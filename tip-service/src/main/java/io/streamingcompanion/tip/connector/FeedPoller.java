package io.streamingcompanion.tip.connector;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.tip.connector.PlatformConnectionRepository.Holder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Follows one creator's feed while its replica holds the lease: renew the lease (fenced), wait for the rate
 * limit, long-poll the position, apply the page and advance (one transaction), and go on at once; on 429/5xx
 * or a transport failure back off (exponential, jittered, at least Retry-After); on 401/403/404 mark the
 * connection revoked and stop. Everything is non-blocking: each step runs on a fresh Vert.x context.
 */
final class FeedPoller {

    private final ConnectorRuntime runtime;
    private final PollerGroup group;
    private final PlatformAdapter adapter;
    private final Holder holder;
    private final FeedPageApplier.Room room = new FeedPageApplier.Room();
    private final Backoff backoff;
    private final long minSpacingNanos;
    private String position;
    private boolean inError;
    private int failures;
    private long lastRequestNanos;
    private volatile boolean stopped;
    private volatile boolean release;

    FeedPoller(ConnectorRuntime runtime, PollerGroup group, PlatformAdapter adapter, Holder holder, String position,
               boolean inError) {
        this.runtime = runtime;
        this.group = group;
        this.adapter = adapter;
        this.holder = holder;
        this.position = position;
        this.inError = inError;
        this.backoff = new Backoff(runtime.config().backoffBase(), runtime.config().backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.minSpacingNanos = Duration.ofMinutes(1).toNanos() / Math.max(1, runtime.config().maxRequestsPerMinute());
    }

    Holder holder() {
        return holder;
    }

    void start() {
        schedule(Duration.ZERO);
    }

    /**
     * Stops after the current step; nothing it would do afterwards is written. With {@code release} the lease is
     * given back once the step (possibly a request in flight) is over, so the next holder never overlaps it.
     */
    void stop(boolean release) {
        this.release = release;
        stopped = true;
    }

    private void finish() {
        group.finished(this);
        if (release) {
            runtime.detached(() -> Panache.withTransaction(() -> runtime.connections().release(holder.creatorId(), holder.platform(),
                    holder.owner()))).subscribe().with(ignored -> { }, failure -> { });
        }
    }

    private void schedule(Duration delay) {
        if (stopped) {
            finish();
            return;
        }
        long millis = Math.max(1, delay.toMillis());
        runtime.vertx().setTimer(millis, timer -> runtime.detached(this::cycle).subscribe().with(
                next -> schedule(next),
                failure -> {
                    if (!(failure instanceof FeedPageApplier.LeaseLost)) {
                        Log.warnf("The %s poller of %s stopped on an unexpected %s", holder.platform(), holder.creatorId(),
                                failure.getClass().getSimpleName());
                    }
                    stopped = true;
                    finish();
                }));
    }

    /** One request and what follows from it; completes with the delay before the next one. */
    private Uni<Duration> cycle() {
        if (stopped) {
            return Uni.createFrom().failure(new FeedPageApplier.LeaseLost());
        }
        return Panache.withTransaction(() -> runtime.connections().renew(holder, runtime.config().leaseDuration()))
                .chain(renewed -> {
                    if (renewed == 0 || stopped) {
                        throw new FeedPageApplier.LeaseLost();
                    }
                    long wait = lastRequestNanos + minSpacingNanos - System.nanoTime();
                    return wait > 0 ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait))
                            : Uni.createFrom().voidItem();
                })
                .chain(() -> {
                    lastRequestNanos = System.nanoTime();
                    int timeout = runtime.config().longPollSeconds();
                    String url;
                    try {
                        url = adapter.pollUrl(position, timeout);
                    } catch (FeedUrlPolicy.Refused refused) {
                        return Uni.createFrom().item(new FeedClient.Response(-1, null, null));
                    }
                    runtime.metrics().counter("connector.requests", "platform", holder.platform()).increment();
                    return runtime.feeds().get(url, timeout);
                })
                .chain(response -> runtime.detached(() -> handle(response)))
                .onFailure(FeedClient.Failure.class).recoverWithUni(failure -> runtime.detached(() -> failed(failure.getMessage(), null)));
    }

    private Uni<Duration> handle(FeedClient.Response response) {
        if (stopped) {
            return Uni.createFrom().failure(new FeedPageApplier.LeaseLost());
        }
        int status = response.status();
        if (status == 200) {
            FeedPage page;
            try {
                page = adapter.read(response.body());
            } catch (PlatformAdapter.FeedFormatException malformed) {
                return failed(malformed.getMessage(), null);
            }
            String sealed = runtime.cipher().encrypt(page.nextUrl(), holder.creatorId(), holder.platform());
            return runtime.applier().apply(holder, page, sealed, room).chain(() -> {
                position = page.nextUrl();
                failures = 0;
                if (!inError) {
                    return Uni.createFrom().item(Duration.ZERO);
                }
                inError = false;
                return runtime.transactions().run(() -> runtime.statusEvents().record(holder.creatorId(), holder.platform(),
                        PlatformConnection.CONNECTED, "The feed answers again")).replaceWith(Duration.ZERO);
            }).onFailure(failure -> !(failure instanceof FeedPageApplier.LeaseLost)).recoverWithUni(failure -> {
                // session-service or the database could not take the page now: the same page is asked again.
                Log.warnf("A %s page of %s could not be applied (%s); retrying it", holder.platform(), holder.creatorId(),
                        failure.getClass().getSimpleName());
                return failed("the page could not be applied yet", null);
            });
        }
        if (status == 401 || status == 403 || status == 404) {
            String reason = "Chaturbate refused the token (HTTP " + status + "): create a new Events API token and connect again";
            return runtime.transactions().run(() -> runtime.connections().revoke(holder, reason).call(updated -> updated == 0
                            ? Uni.createFrom().voidItem()
                            : runtime.statusEvents().record(holder.creatorId(), holder.platform(), PlatformConnection.REVOKED, reason)))
                    .invoke(() -> Log.infof("The %s feed of %s was refused (HTTP %d): paused as revoked", holder.platform(),
                            holder.creatorId(), status))
                    .chain(() -> Uni.createFrom().failure(new FeedPageApplier.LeaseLost()));
        }
        if (status == -1) {
            return failed("the feed's position is not an allowed address", null);
        }
        return failed(status == 429 ? "rate limited by the platform (HTTP 429)" : "the feed answered HTTP " + status,
                status == 429 || status == 503 ? response.retryAfter() : null);
    }

    private Uni<Duration> failed(String reason, Duration retryAfter) {
        failures++;
        Duration delay = backoff.delay(failures, retryAfter);
        runtime.metrics().counter("connector.failures", "platform", holder.platform()).increment();
        boolean entering = !inError;
        inError = true;
        return runtime.transactions().run(() -> runtime.connections().failed(holder, reason).call(updated -> {
            if (updated == 0) {
                throw new FeedPageApplier.LeaseLost();
            }
            return entering ? runtime.statusEvents().record(holder.creatorId(), holder.platform(), PlatformConnection.ERROR, reason)
                    : Uni.createFrom().voidItem();
        })).replaceWith(delay);
    }
}
