package io.streamingcompanion.tip.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "tip-service")
public interface TipServiceConfig {

    /** The largest single tip accepted, in cents: beyond it an amount is far more likely a mistake. */
    @WithDefault("10000000")
    long maxAmountCents();

    @WithDefault("100")
    int maxPageSize();

    /** Platform connectors (the Chaturbate Events API poller). */
    Connector connector();

    interface Connector {

        /** Whether this replica polls feeds at all (the API to connect works either way). */
        @WithDefault("true")
        boolean pollingEnabled();

        /**
         * The only hosts a Chaturbate feed URL (and every nextUrl it returns) may name: {@code host} (default
         * port of the scheme) or {@code host:port}. Anything else is refused: the connector never fetches
         * an address a creator or a feed chose.
         */
        @WithDefault("eventsapi.chaturbate.com,events.testbed.cb.dev")
        List<String> chaturbateHosts();

        /** Plain http for feed URLs: only for a test's fake feed; production requires https. */
        @WithDefault("false")
        boolean allowInsecureHttp();

        /** The longpoll {@code timeout} asked of the feed, in seconds (Chaturbate accepts 0 to 90). */
        @WithDefault("10")
        int longPollSeconds();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Beyond the longpoll timeout: how long a response may take to arrive before the request is abandoned. */
        @WithDefault("10s")
        Duration readGrace();

        /** A larger response is abandoned unread (and retried with backoff). */
        @WithDefault("2097152")
        int maxResponseBytes();

        /** Requests per minute per feed at most; Chaturbate allows 2,000 per token. */
        @WithDefault("1500")
        int maxRequestsPerMinute();

        /** How long a replica's claim on a feed lasts unless renewed; must exceed a request's longest duration. */
        @WithDefault("40s")
        Duration leaseDuration();

        /** How often a replica looks for feeds nobody polls. */
        @WithDefault("2s")
        Duration claimInterval();

        @WithDefault("1s")
        Duration backoffBase();

        @WithDefault("60s")
        Duration backoffMax();

        /** Feeds one replica polls at most; others are left to the other replicas. */
        @WithDefault("500")
        int maxFeedsPerReplica();
    }
}
