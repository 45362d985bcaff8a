package io.streamingcompanion.chatbot.context;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A goal as last announced by goal-menu-service; {@code position} keeps the order goals were created in. */
@Entity
@Table(name = "goal_snapshot")
public class GoalSnapshot {

    @Id
    @Column(name = "goal_id")
    public UUID goalId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(nullable = false)
    public String title;

    @Column(name = "current_cents", nullable = false)
    public long currentCents;

    @Column(name = "target_cents", nullable = false)
    public long targetCents;

    @Column(nullable = false)
    public boolean completed;

    @Column(nullable = false)
    public long position;
}
