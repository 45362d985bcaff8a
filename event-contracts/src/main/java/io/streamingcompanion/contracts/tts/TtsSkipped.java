package io.streamingcompanion.contracts.tts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The creator skipped the clip playing on their overlays (all of them, on every gateway replica). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TtsSkipped(
        UUID sessionId,
        String creatorId,
        Instant skippedAt) {
}
