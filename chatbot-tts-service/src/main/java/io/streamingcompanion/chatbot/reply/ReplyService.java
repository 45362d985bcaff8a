package io.streamingcompanion.chatbot.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.context.GoalSnapshot;
import io.streamingcompanion.chatbot.context.ReplyContextRepository;
import io.streamingcompanion.chatbot.persona.Persona;
import io.streamingcompanion.chatbot.persona.PersonaMapper;
import io.streamingcompanion.chatbot.persona.PersonaRepository;
import io.streamingcompanion.chatbot.persona.PersonaTrigger;
import io.streamingcompanion.chatbot.persona.TriggerKind;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.chatbot.ChatbotResponded;
import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides whether a persona answers and what it says: for a chat message, the highest-priority enabled persona
 * with a matching command, keyword or pattern whose cooldowns allow it; for a tip, the one whose thank-you
 * threshold the tip reaches (the highest such threshold); for a completed goal, its goal trigger. The answer is
 * recorded as {@code streaming.chatbot.responded}, which the gateway shows in the creator's chat and overlay.
 */
@ApplicationScoped
public class ReplyService {

    /** A persona's trigger that fits, with its position (cooldowns and template turns are per trigger). */
    record Candidate(Persona persona, PersonaTrigger trigger, int index) {
    }

    private final PersonaRepository personas;
    private final ReplyContextRepository context;
    private final Cooldowns cooldowns;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final ChatbotConfig config;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public ReplyService(PersonaRepository personas, ReplyContextRepository context, Cooldowns cooldowns,
                        EventOutbox outbox, Transactions transactions, ChatbotConfig config, ObjectMapper json,
                        MeterRegistry metrics) {
        this.personas = personas;
        this.context = context;
        this.cooldowns = cooldowns;
        this.outbox = outbox;
        this.transactions = transactions;
        this.config = config;
        this.json = json;
        this.metrics = metrics;
    }

    /** A chat message in the creator's own session; empty when no persona answers (or all are cooling down). */
    public Uni<Optional<ChatbotResponded>> answerChat(String creatorId, UUID sessionId, String senderName, String message) {
        return transactions.run(() -> context.session(sessionId).chain(session -> {
            if (session == null || !session.creatorId.equals(creatorId)) {
                throw ApiException.notFound("Session " + sessionId);
            }
            return personas.listEnabled(creatorId).chain(enabled -> {
                List<Candidate> candidates = new ArrayList<>();
                for (Persona persona : enabled) {
                    List<PersonaTrigger> triggers = PersonaMapper.triggers(persona, json);
                    for (int i = 0; i < triggers.size(); i++) {
                        if (triggers.get(i).kind().chat() && TriggerMatcher.matches(triggers.get(i), message)) {
                            candidates.add(new Candidate(persona, triggers.get(i), i));
                            break;
                        }
                    }
                }
                Map<String, String> values = new HashMap<>();
                values.put("sender", senderName);
                values.put("message", message);
                return firstAllowed(candidates, senderName)
                        .chain(chosen -> chosen == null ? Uni.createFrom().item(Optional.<ChatbotResponded>empty())
                                : respond(chosen, sessionId, senderName, values).map(Optional::of));
            });
        }));
    }

    /** Whether any of the creator's personas is on, i.e. whether a tip of theirs may be thanked at all. */
    public Uni<Boolean> mayThankTipsOf(String creatorId) {
        return personas.countEnabled(creatorId).map(enabled -> enabled > 0);
    }

    /** A tip: thanked by the highest-priority persona with a tip trigger it reaches. Call in the consumer's transaction. */
    public Uni<Void> answerTip(TipReceived tip) {
        return personas.listEnabled(tip.creatorId()).chain(enabled -> {
            List<Candidate> candidates = new ArrayList<>();
            for (Persona persona : enabled) {
                List<PersonaTrigger> triggers = PersonaMapper.triggers(persona, json);
                Candidate best = null;
                for (int i = 0; i < triggers.size(); i++) {
                    PersonaTrigger trigger = triggers.get(i);
                    if (trigger.kind() == TriggerKind.TIP && tip.amountCents() >= trigger.minAmountCents()
                            && (best == null || trigger.minAmountCents() > best.trigger().minAmountCents())) {
                        best = new Candidate(persona, trigger, i);
                    }
                }
                if (best != null) {
                    candidates.add(best);
                }
            }
            String tipper = tip.tipperName() == null || tip.tipperName().isBlank() ? "Anonymous" : tip.tipperName();
            Map<String, String> values = new HashMap<>();
            values.put("sender", tipper);
            values.put("amount", ResponseTemplates.amount(tip.amountCents()));
            values.put("message", tip.message() == null ? "" : tip.message());
            return firstAllowed(candidates, tipper).chain(chosen -> chosen == null ? Uni.createFrom().voidItem()
                    : respond(chosen, tip.sessionId(), tipper, values).replaceWithVoid());
        });
    }

    /** A goal reached its target: celebrated by the highest-priority persona with a goal trigger. */
    public Uni<Void> answerGoalCompleted(GoalCompleted goal) {
        return personas.listEnabled(goal.creatorId()).chain(enabled -> {
            List<Candidate> candidates = new ArrayList<>();
            for (Persona persona : enabled) {
                List<PersonaTrigger> triggers = PersonaMapper.triggers(persona, json);
                for (int i = 0; i < triggers.size(); i++) {
                    if (triggers.get(i).kind() == TriggerKind.GOAL_COMPLETED) {
                        candidates.add(new Candidate(persona, triggers.get(i), i));
                        break;
                    }
                }
            }
            Map<String, String> values = new HashMap<>();
            values.put("goal", goal.title());
            return firstAllowed(candidates, null).chain(chosen -> chosen == null ? Uni.createFrom().voidItem()
                    : respond(chosen, goal.sessionId(), null, values).replaceWithVoid());
        });
    }

    /** The first candidate whose cooldowns are all over (taking them), or null. */
    private Uni<Candidate> firstAllowed(List<Candidate> candidates, String sender) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        Candidate candidate = candidates.get(0);
        return cooldowns.take(candidate.persona().id, candidate.index(), sender, candidate.persona().cooldownSeconds,
                        candidate.trigger().cooldownSeconds(), candidate.persona().senderCooldownSeconds)
                .chain(allowed -> {
                    if (allowed) {
                        return Uni.createFrom().item(candidate);
                    }
                    metrics.counter("chatbot.replies.suppressed", "reason", "cooldown").increment();
                    return firstAllowed(candidates.subList(1, candidates.size()), sender);
                });
    }

    private Uni<ChatbotResponded> respond(Candidate chosen, UUID sessionId, String inReplyTo, Map<String, String> values) {
        Persona persona = chosen.persona();
        values.put("creator", persona.creatorName == null ? persona.creatorId : persona.creatorName);
        return fillGoalAndMenu(persona.creatorId, sessionId, values)
                .chain(() -> cooldowns.nextTemplate(persona.id, chosen.index(), chosen.trigger().templates().size()))
                .chain(turn -> {
                    String text = ResponseTemplates.render(chosen.trigger().templates().get(turn), values);
                    ChatbotResponded response = new ChatbotResponded(UUID.randomUUID(), sessionId, persona.creatorId,
                            persona.id, persona.name, persona.color, persona.avatarUrl, text,
                            chosen.trigger().kind().wireName(), inReplyTo, clock.instant());
                    metrics.counter("chatbot.replies", "trigger", chosen.trigger().kind().wireName()).increment();
                    return outbox.record(EventTypes.CHATBOT_RESPONDED, persona.creatorId, sessionId.toString(), response)
                            .replaceWith(response);
                });
    }

    private Uni<Void> fillGoalAndMenu(String creatorId, UUID sessionId, Map<String, String> values) {
        Uni<Void> goal = values.containsKey("goal") ? Uni.createFrom().voidItem()
                : context.currentGoal(sessionId).invoke(current -> putGoal(current, values)).replaceWithVoid();
        return goal.chain(() -> context.menu(creatorId)).invoke(menu -> values.put("menu", menu == null ? "" : compactMenu(menu.items)))
                .replaceWithVoid();
    }

    private static void putGoal(GoalSnapshot goal, Map<String, String> values) {
        if (goal == null) {
            return;
        }
        values.put("goal", goal.title);
        values.put("goal_remaining", ResponseTemplates.amount(Math.max(0, goal.targetCents - goal.currentCents)));
        values.put("goal_progress", ResponseTemplates.amount(goal.currentCents) + "/" + ResponseTemplates.amount(goal.targetCents));
    }

    /** "Song 12.50 · Dance 20.00 · …": what fits a chat line. */
    private String compactMenu(String items) {
        try {
            JsonNode list = json.readTree(items);
            List<String> parts = new ArrayList<>();
            for (JsonNode item : list) {
                if (parts.size() == config.menuItemsInReply()) {
                    parts.add("…");
                    break;
                }
                parts.add(item.path("title").asText() + " " + ResponseTemplates.amount(item.path("priceCents").asLong()));
            }
            return String.join(" · ", parts);
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
