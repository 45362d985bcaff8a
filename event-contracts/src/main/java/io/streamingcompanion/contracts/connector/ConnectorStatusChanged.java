package io.streamingcompanion.contracts.connector;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * {@code streaming.connector.status-changed} v1, keyed by creator id: a platform connection (for example
 * the Chaturbate Events API) changed state. {@code status} is {@code connected}, {@code paused},
 * {@code revoked}, {@code error} or {@code removed}; {@code reason} says why in words for the creator and
 * never contains the feed's URL or token.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectorStatusChanged(String creatorId, String platform, String status, String reason, Instant changedAt) {
}
