package io.streamingcompanion.contracts.goal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** {@code streaming.goal.completed} v1, keyed by session id: emitted exactly once per goal. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoalCompleted(
        UUID goalId,
        UUID sessionId,
        String creatorId,
        String title,
        long targetCents,
        Instant completedAt) {
}
