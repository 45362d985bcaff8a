package io.streamingcompanion.contracts.overlay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * {@code streaming.overlay.key-changed} v1, keyed by creator id: the creator's OBS overlay key was created
 * or rotated. Only SHA-256 hashes (hex) travel; {@code previousKeyHash} stops working the moment this is
 * applied, including for overlay sockets already open with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OverlayKeyChanged(String creatorId, String keyHash, String previousKeyHash, Instant changedAt) {
}
