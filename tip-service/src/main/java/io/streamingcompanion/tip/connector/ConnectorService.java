package io.streamingcompanion.tip.connector;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.tip.connector.ConnectorApi.ConnectionView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A creator's platform connections: connect (the URL checked once against the feed, then stored encrypted),
 * read (masked), pause, resume and remove. Every change bumps the generation, which fences off the poller of
 * the previous one, and is announced as {@code streaming.connector.status-changed}.
 */
@ApplicationScoped
public class ConnectorService {

    private final ConnectorRuntime runtime;
    private final PlatformConnectionRepository connections;
    private final FeedClient feeds;
    private final UrlCipher cipher;
    private final ConnectorStatusEvents statusEvents;
    private final Transactions transactions;
    private final Clock clock = Clock.systemUTC();

    public ConnectorService(ConnectorRuntime runtime, PlatformConnectionRepository connections, FeedClient feeds,
                            UrlCipher cipher, ConnectorStatusEvents statusEvents, Transactions transactions) {
        this.runtime = runtime;
        this.connections = connections;
        this.feeds = feeds;
        this.cipher = cipher;
        this.statusEvents = statusEvents;
        this.transactions = transactions;
    }

    public Uni<ConnectionView> connect(String creatorId, String platform, String eventsUrl) {
        PlatformAdapter adapter = adapter(platform);
        PlatformAdapter.FeedAddress address;
        String checkUrl;
        try {
            address = adapter.parse(eventsUrl);
            checkUrl = adapter.pollUrl(address.url(), 0);
        } catch (FeedUrlPolicy.Refused refused) {
            throw ApiException.badRequest("eventsUrl " + refused.getMessage());
        }
        return check(adapter, checkUrl).chain(() -> transactions.run(() -> connections.findByAccount(platform, address.account())
                        .chain(other -> {
                            if (other != null && !other.key.creatorId().equals(creatorId)) {
                                throw accountTaken(address.account());
                            }
                            return connections.lockOwned(creatorId, platform);
                        })
                        .chain(existing -> {
                            Instant now = now();
                            PlatformConnection connection = existing;
                            if (connection == null) {
                                connection = new PlatformConnection();
                                connection.key = new PlatformConnection.Key(creatorId, platform);
                                connection.createdAt = now;
                                connection.generation = 0;
                            }
                            connection.account = address.account();
                            connection.maskedUrl = address.maskedUrl();
                            connection.eventsUrl = cipher.encrypt(address.url(), creatorId, platform);
                            connection.nextUrl = null;
                            connection.status = PlatformConnection.CONNECTED;
                            connection.generation++;
                            connection.lastError = null;
                            connection.errorSince = null;
                            connection.updatedAt = now;
                            PlatformConnection saved = connection;
                            return connections.persistAndFlush(saved)
                                    .call(() -> statusEvents.record(creatorId, platform, PlatformConnection.CONNECTED,
                                            "Connected to " + platform + " as " + address.account()))
                                    .map(ignored -> ConnectionView.of(saved));
                        }))
                .onFailure(DatabaseErrors::isUniqueViolation).transform(e -> accountTaken(address.account()))
                .invoke(runtime::kick));
    }

    public Uni<ConnectionView> get(String creatorId, String platform) {
        adapter(platform);
        return connections.findOwned(creatorId, platform).map(connection -> {
            if (connection == null) {
                throw ApiException.notFound("A " + platform + " connection");
            }
            return ConnectionView.of(connection);
        });
    }

    /** Read by the poller for every page with highlights, so no reconnect (and no new generation) is needed. */
    public Uni<ConnectionView> setAnimations(String creatorId, String platform, ConnectorApi.AnimationSettings settings) {
        adapter(platform);
        return transactions.run(() -> connections.lockOwned(creatorId, platform).chain(connection -> {
            if (connection == null) {
                throw ApiException.notFound("A " + platform + " connection");
            }
            if (settings.follow() != null) {
                connection.followAnimation = settings.follow();
            }
            if (settings.fanclubJoin() != null) {
                connection.fanclubJoinAnimation = settings.fanclubJoin();
            }
            if (settings.mediaPurchase() != null) {
                connection.mediaPurchaseAnimation = settings.mediaPurchase();
            }
            connection.updatedAt = now();
            return connections.persistAndFlush(connection).map(ConnectionView::of);
        }));
    }

    public Uni<ConnectionView> pause(String creatorId, String platform) {
        return change(creatorId, platform, PlatformConnection.PAUSED, "Paused by the creator");
    }

    /** Polls again from where the feed stopped (also after a revoked token the creator has since renewed). */
    public Uni<ConnectionView> resume(String creatorId, String platform) {
        return change(creatorId, platform, PlatformConnection.CONNECTED, "Resumed by the creator").invoke(runtime::kick);
    }

    public Uni<Void> remove(String creatorId, String platform) {
        adapter(platform);
        return transactions.run(() -> connections.lockOwned(creatorId, platform).chain(connection -> {
            if (connection == null) {
                throw ApiException.notFound("A " + platform + " connection");
            }
            return connections.delete(connection)
                    .call(() -> statusEvents.record(creatorId, platform, PlatformConnection.REMOVED, "Removed by the creator"));
        }));
    }

    private Uni<ConnectionView> change(String creatorId, String platform, String status, String reason) {
        adapter(platform);
        return transactions.run(() -> connections.lockOwned(creatorId, platform).chain(connection -> {
            if (connection == null) {
                throw ApiException.notFound("A " + platform + " connection");
            }
            connection.status = status;
            connection.generation++;
            connection.lastError = null;
            connection.errorSince = null;
            connection.updatedAt = now();
            return connections.persistAndFlush(connection)
                    .call(() -> statusEvents.record(creatorId, platform, status, reason))
                    .map(ConnectionView::of);
        }));
    }

    /** One request with timeout=0: the platform says at once whether the token is good. */
    private Uni<Void> check(PlatformAdapter adapter, String checkUrl) {
        return feeds.get(checkUrl, 0)
                .onFailure(FeedClient.Failure.class).transform(failure -> unavailable(adapter, failure.getMessage()))
                .invoke(response -> {
                    int status = response.status();
                    if (status == 401 || status == 403 || status == 404) {
                        throw new ApiException(400, "urn:streaming:problem:connector-url-refused", "Bad Request",
                                adapter.platform() + " refused this Events API URL (HTTP " + status
                                        + "): check it, or create a new token with the Events API scope");
                    }
                    if (status != 200) {
                        throw unavailable(adapter, "it answered HTTP " + status);
                    }
                    try {
                        adapter.read(response.body());
                    } catch (PlatformAdapter.FeedFormatException malformed) {
                        throw unavailable(adapter, malformed.getMessage());
                    }
                }).replaceWithVoid();
    }

    private PlatformAdapter adapter(String platform) {
        PlatformAdapter adapter = runtime.adapter(platform);
        if (adapter == null) {
            throw ApiException.notFound("Connector " + platform);
        }
        return adapter;
    }

    private static ApiException unavailable(PlatformAdapter adapter, String why) {
        Log.infof("A %s feed could not be checked: %s", adapter.platform(), why);
        return new ApiException(503, "urn:streaming:problem:dependency-unavailable", "Service Unavailable",
                adapter.platform() + " could not be asked about this URL right now (" + why + "); try again shortly");
    }

    private static ApiException accountTaken(String account) {
        return ApiException.conflict("connector-account-taken", "The account " + account + " is connected by another creator");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
