package io.streamingcompanion.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** How many frames one socket (either namespace) may send; the message size limit is Quarkus' own. */
    RateLimit rateLimit();

    /** Protection of the anonymous overlay socket against key guessing and idle sockets. */
    Overlay overlay();

    /** The creator dashboard this gateway serves at {@code /} (module creator-dashboard). */
    Dashboard dashboard();

    /** Client sockets handed over by an origin on the same machine instead of relayed by it. */
    SocketHandoff socketHandoff();

    interface SocketHandoff {

        /**
         * The Unix domain socket the local suite's origin hands accepted WebSocket connections over (their
         * file descriptor and request head); unset, none is listened on. Only the local launcher sets it:
         * behind nginx or an ingress, connections arrive through the HTTP port as usual.
         */
        Optional<String> path();
    }

    interface Dashboard {

        /**
         * Offer the "sign in as" form backed by the local launcher's {@code /dev/token}. Only the local suite
         * sets it: elsewhere no {@code /dev/token} exists and creators sign in with the OIDC issuer.
         */
        @WithDefault("false")
        boolean devSignIn();

        /** The OIDC issuer the dashboard signs creators in with (authorization code + PKCE). */
        Optional<String> oidcIssuer();

        /** The dashboard's public OIDC client (Keycloak realm: {@code streaming-dashboard}). */
        @WithDefault("streaming-dashboard")
        String oidcClientId();

        /**
         * The LiveKit server browsers connect to (stream-token-service's {@code LIVEKIT_PUBLIC_URL}): the
         * only other origin the dashboard's Content-Security-Policy lets scripts connect to.
         */
        Optional<String> livekitUrl();
    }

    interface RateLimit {

        /**
         * Sustained frames per second per socket. A dashboard sends a few commands a minute and an overlay
         * almost nothing, so this only ever stops floods.
         */
        @WithDefault("20")
        int messagesPerSecond();

        /** Frames a socket may send at once above that rate (a reconnect that joins several sessions). */
        @WithDefault("40")
        int burst();

        /** A socket refused this many frames within {@link #refusedWindow()} is closed with 1008. */
        @WithDefault("50")
        int closeAfterRefused();

        @WithDefault("PT10S")
        Duration refusedWindow();
    }

    interface Overlay {

        /** A socket that has not been let in by a key this long after opening is closed (1008). */
        @WithDefault("PT10S")
        Duration joinTimeout();

        /** Join attempts with a key that admits nothing, per socket; the next attempt closes it (1008). */
        @WithDefault("5")
        int maxFailedJoinsPerSocket();

        /**
         * Keys that admit nothing and had to be looked up (Redis, then session-service and its database),
         * per client address and {@link #failedLookupWindow()}; beyond it, keys this replica does not
         * already know are refused without a lookup until the window has passed.
         */
        @WithDefault("20")
        int maxFailedLookupsPerAddress();

        @WithDefault("PT1M")
        Duration failedLookupWindow();

        /** How long a key that admits nothing is remembered as such, so retrying it costs no lookup. */
        @WithDefault("PT10S")
        Duration unknownKeyTtl();

        /**
         * Addresses (or CIDR ranges) of proxies whose X-Forwarded-For is believed. The local suite's origin
         * runs on loopback; behind nginx or an ingress, list their addresses, or every client counts as the
         * proxy's address and shares one budget. Anyone else's X-Forwarded-For is ignored: it is free to forge.
         */
        @WithDefault("127.0.0.1,::1")
        List<String> trustedProxies();
    }

    interface Journal {

        /** Entries kept per creator (approximately: Redis trims whole stream nodes). */
        @WithDefault("500")
        int maxEntries();

        /**
         * Events being appended at once by this replica (each key, a session or a creator, still one at a time
         * and in order). Within the Redis pool's waiting queue (quarkus.redis.max-pool-waiting).
         */
        @WithDefault("64")
        int appendsInFlight();

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

        /**
         * How long a state frame ({@code session_updated}, {@code goal_progress}) may wait to share a write with
         * the creator's next frame; zero writes each frame at once. The tip alert itself is never held.
         */
        @WithDefault("PT0.1S")
        Duration stateFrameHold();
    }
}
