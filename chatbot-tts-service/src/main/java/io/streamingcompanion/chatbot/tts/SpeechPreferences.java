package io.streamingcompanion.chatbot.tts;

import java.util.List;

/** How a creator wants tip messages read out (their saved settings, or the defaults). */
public record SpeechPreferences(
        boolean enabled,
        long minAmountCents,
        String voice,
        double rate,
        int maxCharacters,
        String template,
        Filters filters,
        List<String> blockedWords) {

    public static final String DEFAULT_TEMPLATE = "{tipper} tipped {amount}: {message}";

    /** What is taken out of a message before it is spoken. */
    public record Filters(boolean profanity, boolean links, boolean emails, boolean phoneNumbers, boolean repeatedCharacters) {

        public static Filters all() {
            return new Filters(true, true, true, true, true);
        }
    }

    /** Off until the creator turns it on; every filter on. */
    public static SpeechPreferences defaults(String defaultVoice) {
        return new SpeechPreferences(false, 100, defaultVoice, 1.0, 200, DEFAULT_TEMPLATE, Filters.all(), List.of());
    }
}
