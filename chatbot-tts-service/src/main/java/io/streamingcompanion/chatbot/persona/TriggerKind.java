package io.streamingcompanion.chatbot.persona;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What makes a persona answer: a chat message (command, keyword, pattern) or an event (tip, goal). */
public enum TriggerKind {
    /** The message's first word is the command, e.g. {@code !menu} (case-insensitive). */
    COMMAND(true),
    /** The keyword appears in the message as a whole word (case-insensitive). */
    KEYWORD(true),
    /** The creator's regular expression finds a match (RE2/J: linear time). */
    REGEX(true),
    /** A tip of at least {@code minAmountCents}: a thank-you. */
    TIP(false),
    /** One of the session's goals was completed. */
    GOAL_COMPLETED(false);

    public static final String VALUES = "command|keyword|regex|tip|goal_completed";

    private final boolean chat;

    TriggerKind(boolean chat) {
        this.chat = chat;
    }

    /** Triggered by a chat message rather than by an event. */
    public boolean chat() {
        return chat;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TriggerKind> fromWire(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(kind -> kind.wireName().equalsIgnoreCase(value)).findFirst();
    }
}
