package io.streamingcompanion.goalmenu.goal;

import io.streamingcompanion.contracts.goal.GoalCompleted;
import io.streamingcompanion.contracts.goal.GoalProgress;
import io.streamingcompanion.goalmenu.goal.GoalApi.GoalResponse;
import io.streamingcompanion.goalmenu.support.Money;

/** Entity to API body and entity to event payload, in one place so both always say the same. */
public final class GoalMapper {

    private GoalMapper() {
    }

    public static GoalResponse toResponse(TipGoal goal) {
        return new GoalResponse(goal.id, goal.sessionId, goal.title, goal.targetCents, goal.currentCents,
                goal.remainingCents(), Money.percentage(goal.currentCents, goal.targetCents), goal.position,
                goal.isCompleted(), goal.completedAt, goal.createdAt, goal.updatedAt);
    }

    public static GoalProgress progress(TipGoal goal) {
        return progress(goal, false);
    }

    public static GoalProgress progress(TipGoal goal, boolean removed) {
        return new GoalProgress(goal.id, goal.sessionId, goal.creatorId, goal.title, goal.currentCents,
                goal.targetCents, Money.percentage(goal.currentCents, goal.targetCents), goal.isCompleted(), removed);
    }

    public static GoalCompleted completed(TipGoal goal) {
        return new GoalCompleted(goal.id, goal.sessionId, goal.creatorId, goal.title, goal.targetCents,
                goal.completedAt);
    }
}
