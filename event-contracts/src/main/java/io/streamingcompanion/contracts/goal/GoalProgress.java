package io.streamingcompanion.contracts.goal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * {@code streaming.goal.progress} v1, keyed by session id: a goal was created, changed or advanced, or
 * ({@code removed}) deleted, in which case this is its last state.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoalProgress(
        UUID goalId,
        UUID sessionId,
        String creatorId,
        String title,
        long currentCents,
        long targetCents,
        int percentage,
        boolean completed,
        boolean removed) {
}
