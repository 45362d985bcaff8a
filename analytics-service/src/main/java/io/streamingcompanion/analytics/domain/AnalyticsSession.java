package io.streamingcompanion.analytics.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A session as session-service announced it, plus the time integral of its viewer count. */
@Entity
@Table(name = "analytics_session")
public class AnalyticsSession {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(nullable = false)
    public String platform;

    public String title;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "duration_seconds")
    public Long durationSeconds;

    @Column(name = "announced_tips_cents", nullable = false)
    public long announcedTipsCents;

    @Column(name = "announced_tip_count", nullable = false)
    public int announcedTipCount;

    @Column(name = "peak_viewers", nullable = false)
    public int peakViewers;

    @Column(name = "current_viewers", nullable = false)
    public int currentViewers;

    @Column(name = "viewers_observed_at", nullable = false)
    public Instant viewersObservedAt;

    @Column(name = "viewer_millis", nullable = false)
    public long viewerMillis;

    public boolean hasEnded() {
        return endedAt != null;
    }

    /**
     * The viewer count changed at {@code at}: the previous count held since the last observation. Older
     * observations (a replay of an out-of-date update) add nothing and change nothing.
     */
    public void observeViewers(int viewers, Instant at) {
        if (hasEnded() || at == null || at.isBefore(viewersObservedAt)) {
            return;
        }
        viewerMillis = Math.addExact(viewerMillis,
                Math.multiplyExact((long) currentViewers, Duration.between(viewersObservedAt, at).toMillis()));
        currentViewers = Math.max(0, viewers);
        viewersObservedAt = at;
        peakViewers = Math.max(peakViewers, currentViewers);
    }
}
