package io.streamingcompanion.chatbot.persona;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaRequest;
import io.streamingcompanion.chatbot.persona.PersonaApi.PersonaResponse;
import io.streamingcompanion.chatbot.persona.PersonaApi.TriggerRequest;
import io.streamingcompanion.chatbot.reply.ResponseTemplates;
import io.streamingcompanion.chatbot.reply.TriggerMatcher;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creators' personas. Everything a persona will say is checked when it is saved: patterns compile (in RE2/J),
 * commands are one word, templates use known variables only. A message in front of viewers never fails on a
 * creator's typo.
 */
@ApplicationScoped
public class PersonaService {

    private final PersonaRepository personas;
    private final Transactions transactions;
    private final ChatbotConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public PersonaService(PersonaRepository personas, Transactions transactions, ChatbotConfig config, ObjectMapper json) {
        this.personas = personas;
        this.transactions = transactions;
        this.config = config;
        this.json = json;
    }

    public Uni<PersonaResponse> create(String creatorId, String creatorName, PersonaRequest request) {
        List<PersonaTrigger> triggers = checkedTriggers(request.triggers());
        return transactions.run(() -> personas.countOwned(creatorId).chain(count -> {
            if (count >= config.maxPersonas()) {
                throw ApiException.conflict("too-many-personas", "A creator may have at most " + config.maxPersonas() + " personas");
            }
            Persona persona = new Persona();
            persona.id = UUID.randomUUID();
            persona.creatorId = creatorId;
            persona.createdAt = now();
            persona.creatorName = creatorName;
            apply(persona, request, triggers);
            return personas.persistAndFlush(persona);
        })).map(this::toResponse);
    }

    public Uni<List<PersonaResponse>> list(String creatorId) {
        return personas.listOwned(creatorId).map(found -> found.stream().map(this::toResponse).toList());
    }

    public Uni<PersonaResponse> get(String creatorId, UUID id) {
        return owned(creatorId, id).map(this::toResponse);
    }

    public Uni<PersonaResponse> replace(String creatorId, String creatorName, UUID id, PersonaRequest request) {
        List<PersonaTrigger> triggers = checkedTriggers(request.triggers());
        return transactions.run(() -> owned(creatorId, id).chain(persona -> {
            persona.creatorName = creatorName;
            apply(persona, request, triggers);
            return personas.persistAndFlush(persona);
        })).map(this::toResponse);
    }

    public Uni<PersonaResponse> setEnabled(String creatorId, UUID id, boolean enabled) {
        return transactions.run(() -> owned(creatorId, id).chain(persona -> {
            persona.enabled = enabled;
            persona.updatedAt = now();
            return personas.persistAndFlush(persona);
        })).map(this::toResponse);
    }

    public Uni<Void> delete(String creatorId, UUID id) {
        return transactions.run(() -> owned(creatorId, id).chain(personas::delete));
    }

    private void apply(Persona persona, PersonaRequest request, List<PersonaTrigger> triggers) {
        persona.name = request.name().strip();
        persona.color = request.color();
        persona.avatarUrl = request.avatarUrl();
        persona.priority = request.priority() == null ? 0 : request.priority();
        persona.enabled = request.enabled() == null || request.enabled();
        persona.cooldownSeconds = request.cooldownSeconds() == null ? 0 : request.cooldownSeconds();
        persona.senderCooldownSeconds = request.senderCooldownSeconds() == null ? 0 : request.senderCooldownSeconds();
        persona.triggers = PersonaMapper.triggersJson(triggers, json);
        persona.updatedAt = now();
    }

    /** The triggers as they will be stored, or a 400 naming the first problem. */
    static List<PersonaTrigger> checkedTriggers(List<TriggerRequest> requests) {
        List<PersonaTrigger> triggers = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TriggerRequest request = requests.get(i);
            String where = "triggers[" + i + "]";
            TriggerKind kind = TriggerKind.fromWire(request.kind())
                    .orElseThrow(() -> ApiException.badRequest(where + ".kind must be one of " + TriggerKind.VALUES));
            String pattern = request.pattern() == null ? null : request.pattern().strip();
            switch (kind) {
                case COMMAND -> {
                    if (pattern == null || !pattern.matches("![\\p{L}\\p{N}_-]{1,30}")) {
                        throw ApiException.badRequest(where + ".pattern must be a command like !menu (one word, at most 30 characters)");
                    }
                }
                case KEYWORD -> {
                    if (pattern == null || pattern.isEmpty() || pattern.length() > 60) {
                        throw ApiException.badRequest(where + ".pattern must be a keyword of 1 to 60 characters");
                    }
                }
                case REGEX -> {
                    try {
                        TriggerMatcher.compile(request.pattern());
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest(where + "." + e.getMessage());
                    }
                    pattern = request.pattern();
                }
                case TIP -> {
                    if (request.minAmountCents() == null) {
                        throw ApiException.badRequest(where + ".minAmountCents is required for a tip trigger");
                    }
                    pattern = null;
                }
                case GOAL_COMPLETED -> pattern = null;
            }
            for (int t = 0; t < request.templates().size(); t++) {
                List<String> unknown = ResponseTemplates.unknownVariables(request.templates().get(t));
                if (!unknown.isEmpty()) {
                    throw ApiException.badRequest(where + ".templates[" + t + "] uses unknown variable(s) " + unknown
                            + "; known: " + ResponseTemplates.variableNames().stream().sorted().toList());
                }
            }
            triggers.add(new PersonaTrigger(kind, pattern, kind == TriggerKind.TIP ? request.minAmountCents() : null,
                    request.cooldownSeconds() == null ? 0 : request.cooldownSeconds(),
                    request.templates().stream().map(String::strip).toList()));
        }
        return triggers;
    }

    private Uni<Persona> owned(String creatorId, UUID id) {
        return personas.findOwned(id, creatorId).onItem().ifNull().failWith(() -> ApiException.notFound("Persona " + id));
    }

    private PersonaResponse toResponse(Persona persona) {
        return PersonaMapper.toResponse(persona, json);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
