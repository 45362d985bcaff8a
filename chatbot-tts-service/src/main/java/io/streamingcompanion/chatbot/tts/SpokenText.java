package io.streamingcompanion.chatbot.tts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the synthesizer is given for a tip: the creator's template filled in, with links, e-mail addresses,
 * phone numbers, profanity (the maintained list and the creator's own words) and runs of repeated characters
 * taken out of what viewers wrote (their name and message), cut at a word to the creator's maximum length.
 * Viewers write whatever they like; nothing they write may make the stream say a URL or a slur.
 */
public final class SpokenText {

    public static final Set<String> VARIABLES = Set.of("tipper", "amount", "message");
    /** What a filtered word is read as. */
    static final String BLEEP = "bleep";

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern LINK = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://|www\\.)\\S+|\\b[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.(?:com|net|org|io|tv|gg|me|co|ly|xyz|info|biz|app|dev|live|link|site|online|club|fans|cam|to|us|uk|de|ru|fr|es|it|nl)\\b(?:/\\S*)?");
    private static final Pattern EMAIL = Pattern.compile("(?i)[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    // Seven or more digits, possibly grouped with spaces, dots, dashes or brackets, optionally after a +.
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{N}])\\+?\\(?\\d(?:[\\s().-]{0,2}\\d){6,}(?![\\p{N}])");
    private static final Pattern REPEATED_LETTERS = Pattern.compile("(\\p{L})\\1{2,}");
    private static final Pattern REPEATED_OTHERS = Pattern.compile("([^\\p{L}\\s])\\1+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PROFANITY = wordsPattern(ProfanityList.ENGLISH);

    private SpokenText() {
    }

    /** The variables a template uses that do not exist (empty when it is fine). */
    public static List<String> unknownVariables(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            if (!VARIABLES.contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** The text to speak for a tip, or empty when nothing is left to say. */
    public static String forTip(SpeechPreferences preferences, String tipperName, long amountCents, String message) {
        String tipper = clean(tipperName == null || tipperName.isBlank() ? "Someone" : tipperName, preferences);
        if (tipper.isBlank()) {
            tipper = "Someone";
        }
        String said = fill(preferences.template(), Map.of(
                "tipper", tipper, "amount", amount(amountCents), "message", clean(message == null ? "" : message, preferences)));
        // A template like "{tipper} tipped {amount}: {message}" leaves a dangling colon without a message.
        said = SPACES.matcher(said).replaceAll(" ").strip().replaceAll("[:,;\\s]+$", "");
        return cut(said, preferences.maxCharacters());
    }

    /** A creator's own sample (the dashboard's preview), filtered as viewers' words would be. */
    public static String forPreview(SpeechPreferences preferences, String text) {
        return cut(clean(text, preferences), preferences.maxCharacters());
    }

    /** 12.50, or 12 for a whole amount: read the same way for tokens and money. */
    static String amount(long cents) {
        return cents % 100 == 0 ? Long.toString(cents / 100) : String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    static String clean(String text, SpeechPreferences preferences) {
        String cleaned = Normalizer.normalize(text, Normalizer.Form.NFKC);
        cleaned = CONTROL.matcher(cleaned).replaceAll(" ");
        SpeechPreferences.Filters filters = preferences.filters();
        // E-mail addresses first: their domain would otherwise be taken for a link and leave the name behind.
        if (filters.emails()) {
            cleaned = EMAIL.matcher(cleaned).replaceAll(" ");
        }
        if (filters.links()) {
            cleaned = LINK.matcher(cleaned).replaceAll(" ");
        }
        if (filters.phoneNumbers()) {
            cleaned = PHONE.matcher(cleaned).replaceAll(" ");
        }
        if (filters.repeatedCharacters()) {
            cleaned = REPEATED_LETTERS.matcher(cleaned).replaceAll("$1$1");
            cleaned = REPEATED_OTHERS.matcher(cleaned).replaceAll("$1");
        }
        if (filters.profanity()) {
            cleaned = PROFANITY.matcher(cleaned).replaceAll(BLEEP);
        }
        if (!preferences.blockedWords().isEmpty()) {
            cleaned = wordsPattern(preferences.blockedWords()).matcher(cleaned).replaceAll(BLEEP);
        }
        return SPACES.matcher(cleaned).replaceAll(" ").strip();
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String cut(String text, int maxCharacters) {
        if (text.length() <= maxCharacters) {
            return text;
        }
        int end = text.lastIndexOf(' ', maxCharacters);
        return (end > maxCharacters / 2 ? text.substring(0, end) : text.substring(0, maxCharacters)).strip();
    }

    /**
     * Whole words or phrases, case-insensitive, longest first; a phrase matches across any run of spaces.
     * Letters or digits right before or after a match mean it is part of another word ("class" is fine).
     */
    static Pattern wordsPattern(List<String> words) {
        String alternatives = words.stream().map(String::strip).filter(word -> !word.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(word -> String.join("\\s+", SPACES.splitAsStream(word).map(Pattern::quote).toList()))
                .reduce((left, right) -> left + "|" + right).orElse("(?!)");
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
