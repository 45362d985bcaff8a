package io.streamingcompanion.tip.connector;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.Secrets;
import io.streamingcompanion.commons.security.ServiceToken;
import io.streamingcompanion.outbox.DetachedWork;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.tip.config.TipServiceConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The connectors of this replica: the platform adapters, the shared parts the pollers use, and this replica's
 * {@link PollerGroup}, started with the service and stopped (leases released) with it.
 */
@ApplicationScoped
public class ConnectorRuntime {

    private final Vertx vertx;
    private final TipServiceConfig.Connector config;
    private final Map<String, PlatformAdapter> adapters;
    private final PlatformConnectionRepository connections;
    private final FeedClient feeds;
    private final FeedPageApplier applier;
    private final UrlCipher cipher;
    private final ConnectorStatusEvents statusEvents;
    private final Transactions transactions;
    private final MeterRegistry metrics;
    private final Optional<String> serviceToken;
    private volatile PollerGroup group;

    public ConnectorRuntime(Vertx vertx, TipServiceConfig config, @All List<PlatformAdapter> adapters,
                            PlatformConnectionRepository connections, FeedClient feeds, FeedPageApplier applier,
                            UrlCipher cipher, ConnectorStatusEvents statusEvents, Transactions transactions,
                            MeterRegistry metrics, @ConfigProperty(name = ServiceToken.PROPERTY) Optional<String> serviceToken) {
        this.vertx = vertx;
        this.config = config.connector();
        this.adapters = adapters.stream().collect(Collectors.toUnmodifiableMap(PlatformAdapter::platform, adapter -> adapter));
        this.connections = connections;
        this.feeds = feeds;
        this.applier = applier;
        this.cipher = cipher;
        this.statusEvents = statusEvents;
        this.transactions = transactions;
        this.metrics = metrics;
        this.serviceToken = serviceToken;
    }

    void onStart(@Observes StartupEvent started) {
        // The connectors call session-service and chatbot-tts-service with the service token.
        Secrets.requireReal(ServiceToken.ENVIRONMENT, serviceToken.orElse(null), ServiceToken.MIN_LENGTH);
        Duration longestRequest = Duration.ofSeconds(config.longPollSeconds()).plus(config.readGrace()).plus(config.connectTimeout());
        if (config.leaseDuration().compareTo(longestRequest.plusSeconds(2)) <= 0) {
            throw new IllegalStateException("tip-service.connector.lease-duration must exceed the longest feed request ("
                    + longestRequest.toSeconds() + " s) by more than 2 s, or two replicas could poll one feed at once");
        }
        if (config.pollingEnabled()) {
            group = newGroup("replica-" + UUID.randomUUID());
            group.start();
        }
    }

    void onStop(@Observes ShutdownEvent stopping) {
        if (group != null) {
            group.stop(true);
        }
    }

    /** Another group of pollers with its own lease owner: what a second replica would run (tests use it). */
    public PollerGroup newGroup(String owner) {
        return new PollerGroup(this, owner);
    }

    /** This replica's group, when polling is enabled. */
    public PollerGroup group() {
        return group;
    }

    /** A creator connected or resumed a feed: look for it now. */
    public void kick() {
        if (group != null) {
            group.claim();
        }
    }

    public PlatformAdapter adapter(String platform) {
        return adapters.get(platform);
    }

    /** Runs reactive work on a fresh Vert.x context (its own Hibernate session), whatever thread calls. */
    <T> Uni<T> detached(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> DetachedWork.run(vertx, () -> {
            Uni<T> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            uni.subscribe().with(emitter::complete, emitter::fail);
        }));
    }

    Vertx vertx() {
        return vertx;
    }

    TipServiceConfig.Connector config() {
        return config;
    }

    PlatformConnectionRepository connections() {
        return connections;
    }

    FeedClient feeds() {
        return feeds;
    }

    FeedPageApplier applier() {
        return applier;
    }

    UrlCipher cipher() {
        return cipher;
    }

    ConnectorStatusEvents statusEvents() {
        return statusEvents;
    }

    Transactions transactions() {
        return transactions;
    }

    MeterRegistry metrics() {
        return metrics;
    }
}
