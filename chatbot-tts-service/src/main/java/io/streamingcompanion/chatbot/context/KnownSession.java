package io.streamingcompanion.chatbot.context;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A session as its events told us: whose it is and whether it still runs. */
@Entity
@Table(name = "known_session")
public class KnownSession {

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(nullable = false)
    public boolean active;
}
