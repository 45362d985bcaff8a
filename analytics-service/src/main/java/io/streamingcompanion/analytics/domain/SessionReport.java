package io.streamingcompanion.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One session after (or during) the stream. Tip figures come from the tips themselves (test tips never
 * counted); {@code tipsPerMinute} lists only the minutes in which tips arrived.
 */
public record SessionReport(
        UUID sessionId,
        String platform,
        String title,
        String status,
        Instant startedAt,
        Instant endedAt,
        Long durationSeconds,
        long grossTipsCents,
        long tipCount,
        BigDecimal averageTipsPerMinute,
        int peakViewers,
        BigDecimal averageViewers,
        List<Minute> tipsPerMinute,
        List<TopTipper> topTippers,
        List<Goal> goalsCompleted,
        List<MenuItem> menuItems) {

    public record Minute(Instant minute, long tipCount, long grossTipsCents) {
    }

    public record Goal(UUID goalId, String title, long targetCents, Instant completedAt) {
    }

    public record MenuItem(UUID itemId, String title, String category, long count, long totalCents) {
    }
}
