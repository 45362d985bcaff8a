package io.streamingcompanion.chatbot.reply;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.streamingcompanion.chatbot.persona.PersonaTrigger;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a chat message sets off a trigger. Regular expressions are creators' input and run on
 * RE2/J, whose time is linear in the message whatever the pattern, so no pattern can stall the service.
 */
public final class TriggerMatcher {

    /** Longest pattern a creator may save; RE2/J's memory grows with the pattern, not the message. */
    public static final int MAX_PATTERN_LENGTH = 200;
    /** Longest chat message looked at; platforms cap chat lines well below this. */
    public static final int MAX_MESSAGE_LENGTH = 2_000;

    /** Compiled patterns, by source; cleared when it grows past what any set of creators plausibly uses. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 10_000;

    private TriggerMatcher() {
    }

    public static boolean matches(PersonaTrigger trigger, String message) {
        if (message == null || trigger.pattern() == null) {
            return false;
        }
        String text = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message;
        return switch (trigger.kind()) {
            case COMMAND -> firstWord(text).equalsIgnoreCase(trigger.pattern().strip());
            case KEYWORD -> containsWord(text.toLowerCase(Locale.ROOT), trigger.pattern().strip().toLowerCase(Locale.ROOT));
            case REGEX -> compiled(trigger.pattern()).matcher(text).find();
            case TIP, GOAL_COMPLETED -> false;
        };
    }

    /** Compiles a creator's pattern (case-insensitive), or throws {@link IllegalArgumentException} saying why not. */
    public static Pattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("pattern must be 1 to " + MAX_PATTERN_LENGTH + " characters");
        }
        try {
            return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern is not a valid regular expression: " + e.getDescription());
        }
    }

    private static Pattern compiled(String pattern) {
        Pattern found = COMPILED.get(pattern);
        if (found != null) {
            return found;
        }
        if (COMPILED.size() >= MAX_COMPILED) {
            COMPILED.clear();
        }
        return COMPILED.computeIfAbsent(pattern, TriggerMatcher::compile);
    }

    private static String firstWord(String text) {
        String trimmed = text.strip();
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        return trimmed.substring(0, space);
    }

    private static boolean containsWord(String text, String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int from = text.indexOf(word); from >= 0; from = text.indexOf(word, from + 1)) {
            boolean startsWord = from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
            int end = from + word.length();
            boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }
}
