package io.streamingcompanion.contracts;

import java.util.Objects;

/**
 * A domain event type: its public name, the topic it travels on, its payload class and the payload
 * schema version. Consumers must accept payloads of a version they know and ignore unknown fields.
 * <p>
 * A <em>snapshot</em> type carries an aggregate's whole current state, so a newer one of the same key makes an
 * unpublished older one redundant: the outbox may hold it briefly and publish only the latest (consumers see
 * fewer of them, never an out-of-date one last, and never one after a later event of its key).
 */
public final class EventType<P> {

    private final String name;
    private final String topic;
    private final Class<P> payloadType;
    private final int version;
    private final boolean snapshot;

    EventType(String name, String topic, Class<P> payloadType, int version) {
        this(name, topic, payloadType, version, false);
    }

    EventType(String name, String topic, Class<P> payloadType, int version, boolean snapshot) {
        this.name = Objects.requireNonNull(name);
        this.topic = Objects.requireNonNull(topic);
        this.payloadType = Objects.requireNonNull(payloadType);
        this.version = version;
        this.snapshot = snapshot;
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

    /** Whether an event of this type is the aggregate's whole state, superseded by the next one of its key. */
    public boolean snapshot() {
        return snapshot;
    }

    @Override
    public String toString() {
        return name + "@v" + version;
    }
}
