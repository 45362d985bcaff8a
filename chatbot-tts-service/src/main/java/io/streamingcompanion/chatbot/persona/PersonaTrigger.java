package io.streamingcompanion.chatbot.persona;

import java.util.List;

/**
 * One trigger of a persona and the templates it answers with (used in turn). Stored with the persona as
 * JSON: a trigger lives and dies with its persona and is always read with it.
 *
 * @param pattern         the command, keyword or regular expression (null for tip and goal triggers)
 * @param minAmountCents  for a tip trigger: the smallest tip it thanks (null otherwise)
 * @param cooldownSeconds how long after answering this trigger stays silent for everyone (0: never)
 */
public record PersonaTrigger(TriggerKind kind, String pattern, Long minAmountCents, int cooldownSeconds,
                             List<String> templates) {
}
