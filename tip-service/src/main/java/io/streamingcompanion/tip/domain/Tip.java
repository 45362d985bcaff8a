package io.streamingcompanion.tip.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tip")
public class Tip {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(name = "tipper_name")
    public String tipperName;

    public String message;

    @Column(nullable = false)
    public String source;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(nullable = false)
    public boolean test;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "menu_item_id")
    public UUID menuItemId;

    @Column(name = "menu_item_title")
    public String menuItemTitle;

    @Column(name = "menu_item_category")
    public String menuItemCategory;

    @Column(name = "menu_item_price_cents")
    public Long menuItemPriceCents;
}
