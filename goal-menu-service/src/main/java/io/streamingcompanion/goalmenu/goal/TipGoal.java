package io.streamingcompanion.goalmenu.goal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A session's tip goal. Progress only grows and never exceeds the target; reaching the target sets
 * {@code completedAt}, which never changes afterwards, so a goal completes exactly once.
 */
@Entity
@Table(name = "tip_goal")
public class TipGoal {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(nullable = false)
    public String title;

    @Column(name = "target_cents", nullable = false)
    public long targetCents;

    @Column(name = "current_cents", nullable = false)
    public long currentCents;

    @Column(nullable = false)
    public int position;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isCompleted() {
        return completedAt != null;
    }

    public long remainingCents() {
        return targetCents - currentCents;
    }
}
