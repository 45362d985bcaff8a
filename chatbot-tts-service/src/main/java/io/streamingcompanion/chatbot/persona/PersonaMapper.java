package io.streamingcompanion.chatbot.persona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaResponse;
import io.streamingcompanion.chatbot.persona.PersonaApi.TriggerResponse;
import java.util.List;

/** Between the stored persona (triggers as JSON) and its API shape. */
public final class PersonaMapper {

    private static final TypeReference<List<PersonaTrigger>> TRIGGERS = new TypeReference<>() {
    };

    private PersonaMapper() {
    }

    public static List<PersonaTrigger> triggers(Persona persona, ObjectMapper json) {
        try {
            return json.readValue(persona.triggers, TRIGGERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored triggers of persona " + persona.id + " are unreadable", e);
        }
    }

    public static String triggersJson(List<PersonaTrigger> triggers, ObjectMapper json) {
        try {
            return json.writeValueAsString(triggers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Triggers cannot be written", e);
        }
    }

    public static PersonaResponse toResponse(Persona persona, ObjectMapper json) {
        List<TriggerResponse> triggers = triggers(persona, json).stream()
                .map(trigger -> new TriggerResponse(trigger.kind().wireName(), trigger.pattern(), trigger.minAmountCents(),
                        trigger.cooldownSeconds(), trigger.templates()))
                .toList();
        return new PersonaResponse(persona.id, persona.name, persona.color, persona.avatarUrl, persona.priority,
                persona.enabled, persona.cooldownSeconds, persona.senderCooldownSeconds, triggers, persona.createdAt,
                persona.updatedAt);
    }
}
