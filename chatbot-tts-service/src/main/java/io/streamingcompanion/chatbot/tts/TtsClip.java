package io.streamingcompanion.chatbot.tts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tip to be read out, and what became of it. */
@Entity
@Table(name = "tts_clip")
public class TtsClip {

    public static final String PENDING = "pending";
    public static final String SYNTHESIZING = "synthesizing";
    public static final String SPOKEN = "spoken";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "tip_id")
    public UUID tipId;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public String voice;

    @Column(nullable = false)
    public double rate;

    @Column(nullable = false)
    public boolean test;

    @Column(nullable = false)
    public String status;

    public String reason;

    /** Which claim (one replica's attempt) may finish it. */
    public UUID claim;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "tip_at", nullable = false)
    public Instant tipAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "audio_bytes")
    public Integer audioBytes;
}
