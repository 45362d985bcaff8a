package io.streamingcompanion.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes and reads event envelopes. One mapper configuration for every producer and consumer, so that
 * timestamps are ISO-8601 strings and unknown payload fields never break an older consumer.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <P> EventEnvelope envelope(EventType<P> type, String creatorId, String key, P payload, Clock clock) {
        return new EventEnvelope(UUID.randomUUID(), type.name(), type.version(), clock.instant(), creatorId, key,
                MAPPER.valueToTree(payload));
    }

    public static String write(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + envelope.type() + " cannot be serialised", e);
        }
    }

    public static EventEnvelope read(String json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an event envelope: " + e.getOriginalMessage(), e);
        }
    }

    public static <P> P payload(EventEnvelope envelope, EventType<P> type) {
        if (!type.name().equals(envelope.type())) {
            throw new IllegalArgumentException("Expected " + type.name() + " but got " + envelope.type());
        }
        try {
            return MAPPER.treeToValue(envelope.payload(), type.payloadType());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Payload of " + envelope.type() + " is malformed", e);
        }
    }
}
