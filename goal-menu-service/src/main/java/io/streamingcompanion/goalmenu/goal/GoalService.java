package io.streamingcompanion.goalmenu.goal;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.goalmenu.config.GoalMenuConfig;
import io.streamingcompanion.goalmenu.goal.GoalApi.CreateGoalRequest;
import io.streamingcompanion.goalmenu.goal.GoalApi.GoalResponse;
import io.streamingcompanion.goalmenu.goal.GoalApi.UpdateGoalRequest;
import io.streamingcompanion.goalmenu.goal.GoalProgression.Advance;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Tip goals of a session. Every change takes the creator's goal lock, then writes the goals and their
 * events ({@code streaming.goal.progress}, and {@code streaming.goal.completed} on the one change that
 * reaches a target) in one transaction.
 */
@ApplicationScoped
public class GoalService {

    /** The idempotent-consumer name under which applied tip events are recorded. */

    private final TipGoalRepository goals;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final GoalMenuConfig config;
    private final Clock clock = Clock.systemUTC();

    public GoalService(TipGoalRepository goals, EventOutbox outbox, Transactions transactions,
                       GoalMenuConfig config) {
        this.transactions = transactions;
        this.goals = goals;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<GoalResponse> create(String creatorId, CreateGoalRequest request) {
        return transactions.run(() -> goals.lockCreatorGoals(creatorId)
                .chain(() -> goals.countForSession(request.sessionId(), creatorId))
                .chain(count -> {
                    if (count >= config.maxGoalsPerSession()) {
                        throw ApiException.conflict("too-many-goals", "A session may have at most "
                                + config.maxGoalsPerSession() + " goals");
                    }
                    return request.position() != null
                            ? Uni.createFrom().item(request.position())
                            : goals.nextPosition(request.sessionId(), creatorId);
                })
                .chain(position -> {
                    Instant now = now();
                    TipGoal goal = new TipGoal();
                    goal.id = UUID.randomUUID();
                    goal.creatorId = creatorId;
                    goal.sessionId = request.sessionId();
                    goal.title = request.title().strip();
                    goal.targetCents = request.targetCents();
                    goal.currentCents = 0;
                    goal.position = position;
                    goal.createdAt = now;
                    goal.updatedAt = now;
                    return goals.persistAndFlush(goal).call(this::recordProgress);
                })).map(GoalMapper::toResponse);
    }

    public Uni<List<GoalResponse>> list(String creatorId, String sessionId) {
        UUID session = parseSessionId(sessionId);
        return goals.listForSession(session, creatorId)
                .map(found -> found.stream().map(GoalMapper::toResponse).toList());
    }

    public Uni<GoalResponse> get(String creatorId, UUID goalId) {
        return owned(creatorId, goalId).map(GoalMapper::toResponse);
    }

    public Uni<GoalResponse> update(String creatorId, UUID goalId, UpdateGoalRequest request) {
        return transactions.run(() -> goals.lockCreatorGoals(creatorId)
                .chain(() -> owned(creatorId, goalId))
                .chain(goal -> {
                    boolean changed = false;
                    if (request.title() != null && !request.title().strip().equals(goal.title)) {
                        goal.title = request.title().strip();
                        changed = true;
                    }
                    if (request.position() != null && request.position() != goal.position) {
                        goal.position = request.position();
                        changed = true;
                    }
                    if (request.targetCents() != null && request.targetCents() != goal.targetCents) {
                        changeTarget(goal, request.targetCents());
                        changed = true;
                    }
                    if (!changed) {
                        return Uni.createFrom().item(goal);
                    }
                    Instant now = now();
                    goal.updatedAt = now;
                    boolean completedNow = GoalProgression.completeIfReached(goal, now);
                    return goals.persistAndFlush(goal)
                            .call(this::recordProgress)
                            .call(saved -> completedNow ? recordCompleted(saved) : Uni.createFrom().voidItem());
                })).map(GoalMapper::toResponse);
    }

    public Uni<Void> delete(String creatorId, UUID goalId) {
        return transactions.run(() -> goals.lockCreatorGoals(creatorId)
                .chain(() -> owned(creatorId, goalId))
                // The last state of the goal, so followers see the change; the goal is gone afterwards.
                .call(goal -> outbox.record(EventTypes.GOAL_PROGRESS, goal.creatorId, goal.sessionId.toString(),
                        GoalMapper.progress(goal, true)))
                .call(goals::delete)).replaceWithVoid();
    }

    /**
     * Applies a tip to the session's goals; call inside the consumer's transaction, which also makes it
     * once per tip event. Test tips count towards no goal. Returns the goals that moved.
     */
    public Uni<List<Advance>> applyTip(TipReceived tip) {
        if (!countsTowardsGoals(tip)) {
            return Uni.createFrom().item(List.of());
        }
        return goals.lockCreatorGoals(tip.creatorId())
                .chain(() -> goals.listForSession(tip.sessionId(), tip.creatorId()))
                .chain(ordered -> {
                    List<Advance> advances = GoalProgression.distribute(ordered, tip.amountCents(), now());
                    if (advances.isEmpty()) {
                        return Uni.createFrom().item(advances);
                    }
                    Uni<Void> recorded = goals.flush();
                    for (Advance advance : advances) {
                        recorded = recorded.call(() -> recordProgress(advance.goal()));
                        if (advance.completedNow()) {
                            recorded = recorded.call(() -> recordCompleted(advance.goal()));
                        }
                    }
                    return recorded.replaceWith(advances);
                });
    }

    /** Whether the tip's session has any goal it could move; read-only, and {@link #applyTip} decides. */
    public Uni<Boolean> mayMoveGoals(TipReceived tip) {
        return countsTowardsGoals(tip)
                ? goals.countForSession(tip.sessionId(), tip.creatorId()).map(count -> count > 0)
                : Uni.createFrom().item(false);
    }

    private static boolean countsTowardsGoals(TipReceived tip) {
        return !tip.test() && tip.amountCents() > 0 && tip.sessionId() != null && tip.creatorId() != null;
    }

    private static void changeTarget(TipGoal goal, long targetCents) {
        if (goal.isCompleted()) {
            throw ApiException.conflict("goal-completed", "Goal " + goal.id
                    + " is already completed; its target can no longer change");
        }
        if (targetCents < goal.currentCents) {
            throw ApiException.conflict("goal-target-below-progress", "targetCents must be at least the goal's "
                    + "current progress (" + goal.currentCents + " cents)");
        }
        goal.targetCents = targetCents;
    }

    private Uni<TipGoal> owned(String creatorId, UUID goalId) {
        return goals.findOwned(goalId, creatorId).onItem().ifNull()
                .failWith(() -> ApiException.notFound("Goal " + goalId));
    }

    private Uni<Void> recordProgress(TipGoal goal) {
        return outbox.record(EventTypes.GOAL_PROGRESS, goal.creatorId, goal.sessionId.toString(),
                GoalMapper.progress(goal)).replaceWithVoid();
    }

    private Uni<Void> recordCompleted(TipGoal goal) {
        return outbox.record(EventTypes.GOAL_COMPLETED, goal.creatorId, goal.sessionId.toString(),
                GoalMapper.completed(goal)).replaceWithVoid();
    }


    private static UUID parseSessionId(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw ApiException.badRequest("sessionId is required");
        }
        try {
            return UUID.fromString(sessionId.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("sessionId must be a UUID");
        }
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; responses must show what a later read will return.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
