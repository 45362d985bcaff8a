package io.streamingcompanion.contracts;

import java.util.Objects;

/**
 * A domain event type: its public name, the topic it travels on, its payload class and the payload
 * schema version. Consumers must accept payloads of a version they know and ignore unknown fields.
 */
public final class EventType<P> {

    private final String name;
    private final String topic;
    private final Class<P> payloadType;
    private final int version;

    EventType(String name, String topic, Class<P> payloadType, int version) {
        this.name = Objects.requireNonNull(name);
        this.topic = Objects.requireNonNull(topic);
        this.payloadType = Objects.requireNonNull(payloadType);
        this.version = version;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public Class<P> payloadType() {
        return payloadType;
    }

    public int version() {
        return version;
    }

    @Override
    public String toString() {
        return name + "@v" + version;
    }
}
