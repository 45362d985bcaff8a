package io.streamingcompanion.chatbot.persona;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A creator's chatbot persona: how it looks in chat, when it answers (triggers) and what it says (templates). */
@Entity
@Table(name = "chatbot_persona")
public class Persona {

    @Id
    public UUID id;

    @Column(name = "creator_id", nullable = false)
    public String creatorId;

    /** How the creator is named in replies ({@code {creator}}): the token's display name when last saved. */
    @Column(name = "creator_name")
    public String creatorName;

    @Column(nullable = false)
    public String name;

    /** {@code #rrggbb}, for the chat bubble. */
    public String color;

    @Column(name = "avatar_url")
    public String avatarUrl;

    /** Higher answers first when several personas would answer the same message. */
    @Column(nullable = false)
    public int priority;

    @Column(nullable = false)
    public boolean enabled;

    /** After answering anything, the persona stays silent this long (0: no global cooldown). */
    @Column(name = "cooldown_seconds", nullable = false)
    public int cooldownSeconds;

    /** After answering a sender, the persona ignores that sender this long. */
    @Column(name = "sender_cooldown_seconds", nullable = false)
    public int senderCooldownSeconds;

    /** The triggers with their templates, as JSON ({@link PersonaTrigger}[]). */
    @Column(nullable = false, columnDefinition = "text")
    public String triggers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
