package io.streamingcompanion.contracts.stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * {@code streaming.stream.live-changed} v1, keyed by creator id: the creator's native (LiveKit) stream went
 * live or stopped. {@code mode} is {@code WEBRTC|RTMP|WHIP}; {@code cause} is what changed it
 * ({@code browser}, {@code ingress}, {@code room_finished}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamLiveChanged(
        String creatorId,
        boolean live,
        String mode,
        String cause,
        String title,
        Instant changedAt) {
}
