package io.streamingcompanion.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "analytics-service")
public interface AnalyticsConfig {

    /** Days a range covers when the client names no {@code from}. */
    @WithDefault("30")
    int defaultRangeDays();

    /** Longest range a request may ask for: three years covers any year-on-year view. */
    @WithDefault("1096")
    int maxRangeDays();

    @WithDefault("10")
    int defaultTopTippers();

    @WithDefault("100")
    int maxTopTippers();

    /** Top tippers shown in a session's report. */
    @WithDefault("10")
    int sessionTopTippers();

    /** Rows an export reads per query; the response is written page by page, never held whole. */
    @WithDefault("500")
    int exportPageSize();
}
