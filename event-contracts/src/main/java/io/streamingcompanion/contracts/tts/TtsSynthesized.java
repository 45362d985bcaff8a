package io.streamingcompanion.contracts.tts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * A tip's message was read out: the clip, ready to play. {@code text} is what was spoken (after the creator's
 * filters), {@code format} the clip's media type ({@code audio/mpeg}), {@code durationMs} its length. A test
 * tip is read too, flagged {@code test}, so the creator can try the voice.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TtsSynthesized(
        UUID clipId,
        UUID tipId,
        UUID sessionId,
        String creatorId,
        String text,
        String voice,
        String format,
        long durationMs,
        String audioBase64,
        boolean test,
        Instant synthesizedAt) {
}
