package io.streamingcompanion.tip.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A session as tip-service sees it: whose it is, whether it takes tips, and its exact totals. */
@Entity
@Table(name = "tip_session")
public class TipSession {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "total_tips_cents", nullable = false)
    public long totalTipsCents;

    @Column(name = "tip_count", nullable = false)
    public int tipCount;
}
