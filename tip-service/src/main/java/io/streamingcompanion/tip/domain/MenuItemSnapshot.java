package io.streamingcompanion.tip.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

@Entity
@Table(name = "menu_item_snapshot")
public class MenuItemSnapshot {

    @Embeddable
    public record Key(@Column(name = "creator_id") String creatorId, @Column(name = "item_id") UUID itemId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String category;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public boolean active;
}
