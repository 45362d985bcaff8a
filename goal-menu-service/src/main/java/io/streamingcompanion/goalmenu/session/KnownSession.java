package io.streamingcompanion.goalmenu.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A session as {@code streaming.sessions} announced it: its creator and, once over, when it ended. */
@Entity
@Table(name = "known_session")
public class KnownSession {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
