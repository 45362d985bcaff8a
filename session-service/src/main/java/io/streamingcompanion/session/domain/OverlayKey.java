package io.streamingcompanion.session.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "overlay_key")
public class OverlayKey {

    @Id
    @Column(name = "creator_id")
    public String creatorId;

    @Column(name = "overlay_key", nullable = false, unique = true)
    public String key;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rotated_at", nullable = false)
    public Instant rotatedAt;
}
