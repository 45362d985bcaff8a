package io.streamingcompanion.contracts.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** {@code streaming.viewers.updated} v1, keyed by creator id: viewers now in the creator's LiveKit room. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewersUpdated(String creatorId, int viewerCount, Instant observedAt) {
}
