package io.streamingcompanion.streamtoken.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A LiveKit webhook event already applied, recorded in the transaction that applied it. */
@Entity
@Table(name = "livekit_webhook_event")
public class WebhookDelivery {

    /** LiveKit's event id ({@code EV_...}). */
    @Id
    public String id;

    @Column(nullable = false)
    public String event;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
