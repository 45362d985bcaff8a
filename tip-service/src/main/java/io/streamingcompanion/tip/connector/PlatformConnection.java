package io.streamingcompanion.tip.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A creator's connection to a platform's event feed; the URLs are encrypted ({@link UrlCipher}). */
@Entity
@Table(name = "platform_connection")
public class PlatformConnection {

    public static final String CONNECTED = "connected";
    public static final String PAUSED = "paused";
    public static final String REVOKED = "revoked";
    /** Shown, never stored: connected, but the last requests failed (backing off). */
    public static final String ERROR = "error";
    /** Announced when the creator removes the connection. */
    public static final String REMOVED = "removed";

    public static final String ANIMATION_OFF = "off";
    /** goal-menu-service's animation types, or off. */
    public static final String ANIMATION_CHOICES = "confetti|hearts|rain|custom|off";
    public static final String DEFAULT_FOLLOW_ANIMATION = "hearts";
    public static final String DEFAULT_FANCLUB_JOIN_ANIMATION = "confetti";
    public static final String DEFAULT_MEDIA_PURCHASE_ANIMATION = "rain";

    @Embeddable
    public record Key(@Column(name = "creator_id") String creatorId, @Column(name = "platform") String platform)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String account;

    @Column(name = "masked_url", nullable = false)
    public String maskedUrl;

    @Column(name = "events_url", nullable = false)
    public String eventsUrl;

    @Column(name = "next_url")
    public String nextUrl;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public long generation;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "error_since")
    public Instant errorSince;

    @Column(name = "last_event_at")
    public Instant lastEventAt;

    @Column(name = "last_poll_at")
    public Instant lastPollAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** What a follow plays on the overlay: an animation type, or {@link #ANIMATION_OFF}. */
    @Column(name = "follow_animation", nullable = false)
    public String followAnimation = DEFAULT_FOLLOW_ANIMATION;

    @Column(name = "fanclub_join_animation", nullable = false)
    public String fanclubJoinAnimation = DEFAULT_FANCLUB_JOIN_ANIMATION;

    @Column(name = "media_purchase_animation", nullable = false)
    public String mediaPurchaseAnimation = DEFAULT_MEDIA_PURCHASE_ANIMATION;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The animation a highlight of this kind plays ({@code follow}, {@code fanclubJoin}, {@code mediaPurchase}), or off. */
    public String animationFor(String kind) {
        return switch (kind) {
            case "follow" -> followAnimation;
            case "fanclubJoin" -> fanclubJoinAnimation;
            case "mediaPurchase" -> mediaPurchaseAnimation;
            default -> ANIMATION_OFF;
        };
    }

    /** The status the creator sees: a connected feed that keeps failing shows as {@code error}. */
    public String shownStatus() {
        return CONNECTED.equals(status) && lastError != null ? ERROR : status;
    }
}
