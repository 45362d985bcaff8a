package io.streamingcompanion.analytics.domain;

import java.time.Instant;

public record TopTipper(String tipperName, long totalCents, long tipCount, Instant lastTipAt) {
}
