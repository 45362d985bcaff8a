package io.streamingcompanion.contracts.animation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.UUID;

/**
 * {@code streaming.animation.triggered} v1, keyed by session id. {@code type} is
 * {@code confetti|hearts|rain|custom}; {@code trigger} says what fired it: {@code tip} (with {@code tipId}),
 * {@code manual} (the creator) or {@code platform} (something in her platform room, {@code metadata {platform, event,
 * username}}, from a connector).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnimationTriggered(
        UUID animationId,
        UUID sessionId,
        String creatorId,
        String type,
        String trigger,
        UUID tipId,
        Map<String, Object> metadata) {
}
