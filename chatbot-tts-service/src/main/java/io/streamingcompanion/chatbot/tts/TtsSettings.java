package io.streamingcompanion.chatbot.tts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A creator's saved text-to-speech settings. */
@Entity
@Table(name = "tts_settings")
public class TtsSettings {

    @Id
    @Column(name = "creator_id")
    public String creatorId;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "min_amount_cents", nullable = false)
    public long minAmountCents;

    @Column(nullable = false)
    public String voice;

    @Column(nullable = false)
    public double rate;

    @Column(name = "max_characters", nullable = false)
    public int maxCharacters;

    @Column(nullable = false)
    public String template;

    @Column(name = "filter_profanity", nullable = false)
    public boolean filterProfanity;

    @Column(name = "filter_links", nullable = false)
    public boolean filterLinks;

    @Column(name = "filter_emails", nullable = false)
    public boolean filterEmails;

    @Column(name = "filter_phone_numbers", nullable = false)
    public boolean filterPhoneNumbers;

    @Column(name = "filter_repeated_characters", nullable = false)
    public boolean filterRepeatedCharacters;

    /** JSON array of strings. */
    @Column(name = "blocked_words", nullable = false, columnDefinition = "text")
    public String blockedWords;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
