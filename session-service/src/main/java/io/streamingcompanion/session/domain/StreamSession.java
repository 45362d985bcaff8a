package io.streamingcompanion.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "stream_session")
public class StreamSession {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Platform platform;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    public String title;

    @Column(columnDefinition = "text")
    public String notes;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    public Map<String, Object> metadata;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "total_tips_cents", nullable = false)
    public long totalTipsCents;

    @Column(name = "tip_count", nullable = false)
    public int tipCount;

    @Column(name = "current_viewers", nullable = false)
    public int currentViewers;

    @Column(name = "peak_viewers", nullable = false)
    public int peakViewers;

    @Version
    public long version;

    public boolean isActive() {
        return status == SessionStatus.ACTIVE;
    }
}
