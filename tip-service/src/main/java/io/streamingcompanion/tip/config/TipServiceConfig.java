package io.streamingcompanion.tip.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tip-service")
public interface TipServiceConfig {

    /** The largest single tip accepted, in cents: beyond it an amount is far more likely a mistake. */
    @WithDefault("10000000")
    long maxAmountCents();

    @WithDefault("100")
    int maxPageSize();
}
