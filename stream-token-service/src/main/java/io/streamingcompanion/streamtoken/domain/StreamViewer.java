package io.streamingcompanion.streamtoken.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A participant of a creator's room that counts as a viewer (not the creator, not the host viewer, not an
 * ingress). Kept after they leave ({@code present = false}) so that an older webhook arriving late is ignored.
 */
@Entity
@Table(name = "stream_viewer")
@IdClass(StreamViewer.Key.class)
public class StreamViewer {

    @Id
    @Column(name = "creator_id")
    public String creatorId;

    @Id
    public String identity;

    @Column(nullable = false)
    public boolean present;

    @Column(name = "event_at", nullable = false)
    public Instant eventAt;

    public static class Key implements Serializable {
        public String creatorId;
        public String identity;

        public Key() {
        }

        public Key(String creatorId, String identity) {
            this.creatorId = creatorId;
            this.identity = identity;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(creatorId, key.creatorId)
                    && Objects.equals(identity, key.identity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(creatorId, identity);
        }
    }
}
