package io.streamingcompanion.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** How long a session's owner stays cached in Redis after the gateway last saw an event of it. */
    @WithDefault("P2D")
    Duration ownerCacheTtl();

    /** A socket that answered no ping and sent nothing for this long is considered dead and closed. */
    @WithDefault("PT65S")
    Duration deadAfter();

    /** How many sessions one socket may follow at once. */
    @WithDefault("20")
    int maxRoomsPerConnection();

    /** The per-creator replay buffer in Redis that lets reconnecting sockets catch up. */
    Journal journal();

    interface Journal {

        /** Entries kept per creator (approximately: Redis trims whole stream nodes). */
        @WithDefault("500")
        int maxEntries();

        /**
         * A socket that has been away longer than this gets a snapshot instead of a replay: a burst of
         * stale alerts is worse than a goal bar that is simply right.
         */
        @WithDefault("PT10M")
        Duration maxAge();

        /** Idle creators' positions, buffer and snapshot state expire after this; activity renews it. */
        @WithDefault("P2D")
        Duration idleTtl();

        /** How long an event id is remembered, so that an at-least-once redelivery is not a second alert. */
        @WithDefault("P1D")
        Duration dedupeTtl();
    }
}
