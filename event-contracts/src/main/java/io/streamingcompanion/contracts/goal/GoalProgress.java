package io.streamingcompanion.contracts.goal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** {@code streaming.goal.progress} v1, keyed by session id: a goal's progress changed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoalProgress(
        UUID goalId,
        UUID sessionId,
        String creatorId,
        String title,
        long currentCents,
        long targetCents,
        int percentage,
        boolean completed) {
}
