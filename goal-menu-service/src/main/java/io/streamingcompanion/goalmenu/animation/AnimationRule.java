package io.streamingcompanion.goalmenu.animation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A creator's rule: a tip of at least {@code thresholdCents} plays {@code type} (the highest rule reached wins). */
@Entity
@Table(name = "animation_rule")
public class AnimationRule {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "threshold_cents", nullable = false)
    public long thresholdCents;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AnimationType type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", nullable = false)
    public Map<String, Object> metadata;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
