package io.streamingcompanion.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** {@code streaming.session.ended} v1. {@code durationSeconds} is whole seconds between start and end. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEnded(
        UUID sessionId,
        String creatorId,
        String platform,
        Instant startedAt,
        Instant endedAt,
        long durationSeconds,
        long totalTipsCents,
        int tipCount,
        int peakViewers) {
}
