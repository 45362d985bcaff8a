package io.streamingcompanion.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on Kafka for every domain event. {@code id} is unique per event and is what consumers
 * deduplicate on; {@code key} is the aggregate id the record is partitioned by.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        UUID id,
        String type,
        int version,
        Instant occurredAt,
        String creatorId,
        String key,
        JsonNode payload) {
}
