package io.streamingcompanion.goalmenu.menu;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An item of a creator's tip menu. Among a creator's active items each price occurs at most once. */
@Entity
@Table(name = "tip_menu_item")
public class TipMenuItem {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MenuCategory category;

    @Column(nullable = false)
    public boolean active;

    @Column(nullable = false)
    public int position;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
