package io.streamingcompanion.streamtoken.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A creator's stream channel (seed 000's {@code Stream}), one per creator. The LiveKit room is named after
 * {@link #creatorId}. {@link #streamKey} is a secret that only the creator's own channel endpoint returns.
 */
@Entity
@Table(name = "stream_channel")
public class StreamChannel {

    @Id
    @Column(name = "creator_id")
    public String creatorId;

    /** The creator's {@code preferred_username}, when the token had one and no other channel uses it. */
    public String username;

    @Column(nullable = false)
    public String title;

    public String description;

    public String thumbnail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StreamMode mode;

    @Column(name = "is_live", nullable = false)
    public boolean live;

    @Enumerated(EnumType.STRING)
    @Column(name = "live_source")
    public LiveSource liveSource;

    @Column(name = "live_since")
    public Instant liveSince;

    @Column(name = "ingress_id")
    public String ingressId;

    @Enumerated(EnumType.STRING)
    @Column(name = "ingress_type")
    public IngressType ingressType;

    @Column(name = "server_url")
    public String serverUrl;

    @Column(name = "stream_key")
    public String streamKey;

    @Column(name = "is_chat_enabled", nullable = false)
    public boolean chatEnabled;

    @Column(name = "is_chat_delayed", nullable = false)
    public boolean chatDelayed;

    @Column(name = "is_chat_followers_only", nullable = false)
    public boolean chatFollowersOnly;

    @Column(name = "viewer_count", nullable = false)
    public int viewerCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public String roomName() {
        return creatorId;
    }

    /** The identity the creator uses to watch their own room without publishing. */
    public String hostViewerIdentity() {
        return hostViewerIdentity(creatorId);
    }

    public static String hostViewerIdentity(String creatorId) {
        return "Host-" + creatorId;
    }

    /** The mode the channel is live in, or would go live in next. */
    public StreamMode liveMode() {
        if (liveSource == LiveSource.BROWSER) {
            return StreamMode.WEBRTC;
        }
        return mode;
    }

    public void goLive(LiveSource source, StreamMode newMode, Instant now) {
        live = true;
        liveSource = source;
        mode = newMode;
        liveSince = now;
        updatedAt = now;
    }

    public void goOffline(Instant now) {
        live = false;
        liveSource = null;
        liveSince = null;
        updatedAt = now;
    }

    public void clearIngress() {
        ingressId = null;
        ingressType = null;
        serverUrl = null;
        streamKey = null;
    }
}
