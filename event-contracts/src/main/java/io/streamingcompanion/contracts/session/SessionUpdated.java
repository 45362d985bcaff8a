package io.streamingcompanion.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code streaming.session.updated} v1: the full current state of the session's public fields, so a
 * consumer never needs to merge partial updates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionUpdated(
        UUID sessionId,
        String creatorId,
        String status,
        String platform,
        String title,
        String notes,
        Map<String, Object> metadata,
        long totalTipsCents,
        int tipCount,
        int currentViewers,
        int peakViewers,
        Instant startedAt,
        Instant endedAt) {
}
