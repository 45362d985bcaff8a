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
}
