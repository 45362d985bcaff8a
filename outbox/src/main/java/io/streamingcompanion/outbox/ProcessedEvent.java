package io.streamingcompanion.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event a consumer has applied. Kafka delivers at least once; recording the event id in the same
 * transaction as its effect makes applying it exactly once. Each consuming service's migration creates
 * the table: {@code processed_event(id varchar(300) primary key, processed_at timestamptz not null)}.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    /** {@code <consumer>/<event id>}: one consumer's record of one event. */
    @Id
    public String id;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;
}
