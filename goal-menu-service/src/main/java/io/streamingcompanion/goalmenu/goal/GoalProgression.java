package io.streamingcompanion.goalmenu.goal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How money moves through a session's goals. Pure: the caller loads, locks and saves the goals. */
public final class GoalProgression {

    private GoalProgression() {
    }

    /** A goal that a tip moved; {@code completedNow} is true for the one tip that reached its target. */
    public record Advance(TipGoal goal, long addedCents, boolean completedNow) {
    }

    /**
     * Adds {@code amountCents} to the first incomplete goal in {@code ordered}; what exceeds its target
     * carries over to the next incomplete goal, and so on. What is left when every goal is complete counts
     * towards none (a goal created later starts at zero).
     */
    public static List<Advance> distribute(List<TipGoal> ordered, long amountCents, Instant at) {
        List<Advance> advances = new ArrayList<>();
        long left = amountCents;
        for (TipGoal goal : ordered) {
            if (left <= 0) {
                break;
            }
            if (goal.isCompleted()) {
                continue;
            }
            long added = Math.min(left, goal.remainingCents());
            goal.currentCents += added;
            goal.updatedAt = at;
            left -= added;
            boolean completedNow = completeIfReached(goal, at);
            advances.add(new Advance(goal, added, completedNow));
        }
        return advances;
    }

    /** Marks the goal completed if its progress reached the target; true only on that transition. */
    public static boolean completeIfReached(TipGoal goal, Instant at) {
        if (goal.isCompleted() || goal.currentCents < goal.targetCents) {
            return false;
        }
        goal.completedAt = at;
        return true;
    }
}
