package io.streamingcompanion.goalmenu.animation;

import io.streamingcompanion.contracts.animation.AnimationTriggered;
import io.streamingcompanion.goalmenu.animation.AnimationApi.RuleResponse;
import io.streamingcompanion.goalmenu.animation.AnimationApi.TriggeredResponse;

/** Entity to API body and event payload to API body, in one place so both always say the same. */
public final class AnimationMapper {

    private AnimationMapper() {
    }

    public static RuleResponse toResponse(AnimationRule rule) {
        return new RuleResponse(rule.id, rule.thresholdCents, rule.type.wireName(), rule.metadata, rule.active,
                rule.createdAt, rule.updatedAt);
    }

    public static TriggeredResponse toResponse(AnimationTriggered triggered) {
        return new TriggeredResponse(triggered.animationId(), triggered.sessionId(), triggered.type(),
                triggered.trigger(), triggered.metadata());
    }
}
