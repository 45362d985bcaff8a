package io.streamingcompanion.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A domain event waiting to be published. Rows are inserted in the transaction that changes the state
 * they describe, and deleted once Kafka has acknowledged them; {@code seq} preserves commit order.
 * Each service's first migration creates this table in its own schema.
 */
@Entity
@Table(name = OutboxEvent.TABLE)
public class OutboxEvent {

    static final String TABLE = "outbox_event";

    /** The table as native SQL must name it: Hibernate prefixes only its own statements with the default schema. */
    static String qualifiedTable(Optional<String> schema) {
        return schema.map(name -> name + ".").orElse("") + TABLE;
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false, columnDefinition = "text")
    public String envelope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
