package io.streamingcompanion.chatbot.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Response templates: text with {@code {variable}} placeholders. The variables are a fixed set, checked when a
 * template is saved, so a typo is a 400 for the creator then, not a broken message in front of viewers later.
 */
public final class ResponseTemplates {

    /** Every variable a template may use, and what it becomes. */
    public static final Map<String, String> VARIABLES = Map.of(
            "sender", "who wrote the message (or tipped)",
            "creator", "the creator's display name",
            "amount", "the tip's amount (tip triggers)",
            "goal", "the title of the session's current goal",
            "goal_remaining", "what the current goal still needs",
            "goal_progress", "the current goal's progress, e.g. 30.00/50.00",
            "menu", "the active tip menu, compact",
            "message", "the chat message (chat triggers)");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z_]+)}");

    private ResponseTemplates() {
    }

    /** The placeholders in the template that are not variables (empty when it is fine). */
    public static List<String> unknownVariables(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!VARIABLES.containsKey(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    public static Set<String> variableNames() {
        return VARIABLES.keySet();
    }

    /** The template with each variable replaced; a variable without a value becomes an empty string. */
    public static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = VARIABLES.containsKey(name) ? values.getOrDefault(name, "") : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    /** Integer cents as the creator reads them: 1250 → 12.50. */
    public static String amount(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
    }
}
