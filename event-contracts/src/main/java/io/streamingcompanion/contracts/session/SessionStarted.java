package io.streamingcompanion.contracts.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** {@code streaming.session.started} v1. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionStarted(
        UUID sessionId,
        String creatorId,
        String platform,
        String title,
        Instant startedAt) {
}
