package io.streamingcompanion.streamtoken.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything this service needs to talk to LiveKit. The API key and secret have no default: the service does not
 * start without them, nor with a known placeholder or a secret shorter than LiveKit's 32 characters
 * ({@code LiveKitSecretsCheck}). Environment: {@code LIVEKIT_URL},
 * {@code LIVEKIT_PUBLIC_URL}, {@code LIVEKIT_API_KEY}, {@code LIVEKIT_API_SECRET}, {@code LIVEKIT_TOKEN_*},
 * {@code LIVEKIT_API_TIMEOUT}. The secret is never logged nor returned.
 */
@ConfigMapping(prefix = "livekit")
public interface LiveKitConfig {

    /** The LiveKit server this service calls (Twirp API); {@code ws(s)://} is called as {@code http(s)://}. */
    @WithDefault("ws://localhost:7880")
    String url();

    /**
     * The URL browsers connect to ({@code wsUrl} in token responses), when it differs from {@link #url()} (for
     * example a compose service name that only other containers resolve). Defaults to {@link #url()} as ws(s).
     */
    Optional<String> publicUrl();

    String apiKey();

    String apiSecret();

    /** Clock difference tolerated when checking a webhook token's {@code nbf}, {@code iat} and {@code exp}. */
    @WithDefault("30s")
    Duration webhookClockSkew();

    /** Timeout of one Twirp call, connection included. */
    @WithDefault("5s")
    Duration apiTimeout();

    Token token();

    /** How long applied webhook ids are remembered for deduplication (LiveKit retries within minutes). */
    @WithDefault("7d")
    Duration webhookRetention();

    /** How often applied webhook ids older than the retention are deleted. */
    @WithDefault("1h")
    String webhookCleanupEvery();

    interface Token {
        /** The creator's publish token (browser camera). LiveKit checks expiry only when connecting. */
        @WithDefault("1h")
        Duration publisherTtl();

        /** The creator-as-viewer token ({@code Host-<id>}). */
        @WithDefault("1h")
        Duration hostViewerTtl();

        /** Viewer and guest tokens. */
        @WithDefault("2h")
        Duration viewerTtl();

        /** Short-lived tokens this service signs for its own Twirp calls (ingressAdmin / roomAdmin). */
        @WithDefault("5m")
        Duration adminTtl();

        /**
         * How long a replica reuses a channel's room and public name for tokens without reading the row. A
         * claimed username reaches other replicas' tokens within this time (the claiming replica's at once).
         */
        @WithDefault("10s")
        Duration channelCacheTtl();
    }
}
