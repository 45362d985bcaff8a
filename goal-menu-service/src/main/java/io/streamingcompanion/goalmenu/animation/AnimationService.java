package io.streamingcompanion.goalmenu.animation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.animation.AnimationApi.CreateRuleRequest;
import io.streamingcompanion.goalmenu.animation.AnimationApi.RuleResponse;
import io.streamingcompanion.goalmenu.animation.AnimationApi.TriggerRequest;
import io.streamingcompanion.goalmenu.animation.AnimationApi.TriggeredResponse;
import io.streamingcompanion.goalmenu.animation.AnimationApi.UpdateRuleRequest;
import io.streamingcompanion.goalmenu.config.GoalMenuConfig;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.goalmenu.support.JsonObjects;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Animation rules and triggers. A tip (test tips included: creators test their alerts) fires the active
 * rule with the highest threshold it reaches; the creator can also fire one by hand. Either way the
 * result is a {@code streaming.animation.triggered} event keyed by the session.
 */
@ApplicationScoped
public class AnimationService {

    /** The idempotent-consumer name under which tip events that were checked for animations are recorded. */
    public static final String TIP_CONSUMER = "tip-animation";
    public static final String TRIGGER_TIP = "tip";
    public static final String TRIGGER_MANUAL = "manual";

    private static final String ACTIVE_THRESHOLD_INDEX = "animation_rule_one_active_threshold";

    private final AnimationRuleRepository rules;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final GoalMenuConfig config;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public AnimationService(AnimationRuleRepository rules, EventOutbox outbox, Transactions transactions,
                            GoalMenuConfig config, ObjectMapper json) {
        this.transactions = transactions;
        this.rules = rules;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    public Uni<RuleResponse> createRule(String creatorId, CreateRuleRequest request) {
        AnimationType type = type(request.type());
        Map<String, Object> metadata = metadata(request.metadata());
        boolean active = request.active() == null || request.active();
        return transactions.run(() -> rules.lockRules(creatorId)
                .chain(() -> rules.countOwned(creatorId))
                .chain(count -> {
                    if (count >= config.maxAnimationRules()) {
                        throw ApiException.conflict("too-many-animation-rules", "A creator may have at most "
                                + config.maxAnimationRules() + " animation rules");
                    }
                    return active ? ensureThresholdFree(creatorId, request.thresholdCents(), null)
                            : Uni.createFrom().voidItem();
                })
                .chain(() -> {
                    Instant now = now();
                    AnimationRule rule = new AnimationRule();
                    rule.id = UUID.randomUUID();
                    rule.creatorId = creatorId;
                    rule.thresholdCents = request.thresholdCents();
                    rule.type = type;
                    rule.metadata = metadata == null ? Map.of() : metadata;
                    rule.active = active;
                    rule.createdAt = now;
                    rule.updatedAt = now;
                    return rules.persistAndFlush(rule);
                }))
                .onFailure(failure -> DatabaseErrors.isUniqueViolation(failure, ACTIVE_THRESHOLD_INDEX))
                .transform(failure -> thresholdTaken(request.thresholdCents()))
                .map(AnimationMapper::toResponse);
    }

    public Uni<List<RuleResponse>> listRules(String creatorId) {
        return rules.listOwned(creatorId).map(found -> found.stream().map(AnimationMapper::toResponse).toList());
    }

    public Uni<RuleResponse> getRule(String creatorId, UUID ruleId) {
        return owned(creatorId, ruleId).map(AnimationMapper::toResponse);
    }

    public Uni<RuleResponse> updateRule(String creatorId, UUID ruleId, UpdateRuleRequest request) {
        AnimationType type = request.type() == null ? null : type(request.type());
        Map<String, Object> metadata = metadata(request.metadata());
        return transactions.run(() -> rules.lockRules(creatorId)
                .chain(() -> owned(creatorId, ruleId))
                .chain(rule -> {
                    long threshold = request.thresholdCents() != null ? request.thresholdCents() : rule.thresholdCents;
                    boolean active = request.active() != null ? request.active() : rule.active;
                    // Checked before the entity changes, so no query flushes a conflicting row first.
                    Uni<Void> free = active && (!rule.active || threshold != rule.thresholdCents)
                            ? ensureThresholdFree(creatorId, threshold, rule.id)
                            : Uni.createFrom().voidItem();
                    return free.chain(() -> {
                        rule.thresholdCents = threshold;
                        rule.active = active;
                        if (type != null) {
                            rule.type = type;
                        }
                        if (metadata != null) {
                            rule.metadata = metadata;
                        }
                        rule.updatedAt = now();
                        return rules.persistAndFlush(rule);
                    });
                }))
                .onFailure(failure -> DatabaseErrors.isUniqueViolation(failure, ACTIVE_THRESHOLD_INDEX))
                .transform(failure -> thresholdTaken(request.thresholdCents()))
                .map(AnimationMapper::toResponse);
    }

    public Uni<Void> deleteRule(String creatorId, UUID ruleId) {
        return transactions.run(() -> rules.lockRules(creatorId)
                .chain(() -> owned(creatorId, ruleId))
                .call(rules::delete)).replaceWithVoid();
    }

    /** Fires an animation by hand on a session's overlays and dashboards. */
    public Uni<TriggeredResponse> trigger(String creatorId, TriggerRequest request) {
        AnimationType type = type(request.type());
        Map<String, Object> metadata = metadata(request.metadata());
        AnimationTriggered event = new AnimationTriggered(UUID.randomUUID(), request.sessionId(), creatorId,
                type.wireName(), TRIGGER_MANUAL, null, metadata == null ? Map.of() : metadata);
        return transactions.run(() -> outbox.record(EventTypes.ANIMATION_TRIGGERED, creatorId,
                request.sessionId().toString(), event))
                .replaceWith(AnimationMapper.toResponse(event));
    }

    /**
     * Fires the rule a tip reaches; call inside the consumer's transaction, which also makes it once per
     * tip event. Returns the animation, or null when no active rule is reached.
     */
    public Uni<AnimationTriggered> applyTip(EventEnvelope envelope, TipReceived tip) {
        if (!canFire(tip)) {
            return Uni.createFrom().nullItem();
        }
        return rules.highestReached(tip.creatorId(), tip.amountCents()).chain(rule -> {
            if (rule == null) {
                return Uni.createFrom().<AnimationTriggered>nullItem();
            }
            // Derived from the event, so even a copy published by mistake would carry the same id.
            UUID animationId = UUID.nameUUIDFromBytes((TIP_CONSUMER + "/" + envelope.id())
                    .getBytes(StandardCharsets.UTF_8));
            AnimationTriggered event = new AnimationTriggered(animationId, tip.sessionId(), tip.creatorId(),
                    rule.type.wireName(), TRIGGER_TIP, tip.tipId(), rule.metadata);
            return outbox.record(EventTypes.ANIMATION_TRIGGERED, tip.creatorId(), tip.sessionId().toString(), event)
                    .replaceWith(event);
        });
    }

    /** Whether the tip reaches any active rule of its creator; read-only, and {@link #applyTip} decides. */
    public Uni<Boolean> mayFire(TipReceived tip) {
        return canFire(tip)
                ? rules.highestReached(tip.creatorId(), tip.amountCents()).map(rule -> rule != null)
                : Uni.createFrom().item(false);
    }

    private static boolean canFire(TipReceived tip) {
        return tip.amountCents() > 0 && tip.sessionId() != null && tip.creatorId() != null;
    }

    /** Under the rules lock this check is exact; the partial unique index is the backstop. */
    private Uni<Void> ensureThresholdFree(String creatorId, long thresholdCents, UUID exceptId) {
        return rules.findActiveWithThreshold(creatorId, thresholdCents, exceptId).invoke(other -> {
            if (other != null) {
                throw thresholdTaken(thresholdCents);
            }
        }).replaceWithVoid();
    }

    private Uni<AnimationRule> owned(String creatorId, UUID ruleId) {
        return rules.findOwned(ruleId, creatorId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Animation rule " + ruleId));
    }

    private Map<String, Object> metadata(Map<String, Object> metadata) {
        return JsonObjects.bounded("metadata", metadata, config.maxMetadataBytes(), json);
    }


    private static AnimationType type(String value) {
        return AnimationType.fromWire(value)
                .orElseThrow(() -> ApiException.badRequest("type must be one of " + AnimationType.VALUES));
    }

    private static ApiException thresholdTaken(Long thresholdCents) {
        return ApiException.conflict("animation-threshold-taken", "Another active rule already has "
                + (thresholdCents == null ? "this threshold" : "the threshold " + thresholdCents + " cents")
                + "; a tip must select one rule");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
