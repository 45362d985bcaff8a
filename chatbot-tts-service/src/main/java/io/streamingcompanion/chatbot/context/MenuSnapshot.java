package io.streamingcompanion.chatbot.context;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A creator's active menu as last announced, already in the compact form replies use. */
@Entity
@Table(name = "menu_snapshot")
public class MenuSnapshot {

    @Id
    @Column(name = "creator_id")
    public String creatorId;

    /** JSON array of {@code {title, priceCents}} of the active items, in menu order. */
    @Column(nullable = false, columnDefinition = "text")
    public String items;
}
