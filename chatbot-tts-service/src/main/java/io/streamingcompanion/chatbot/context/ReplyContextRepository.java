package io.streamingcompanion.chatbot.context;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The projection of sessions, goals and menus that replies read; written only by the event consumers. */
@ApplicationScoped
@WithSession
public class ReplyContextRepository {

    public Uni<KnownSession> session(UUID sessionId) {
        return Panache.getSession().chain(session -> session.find(KnownSession.class, sessionId));
    }

    public Uni<Void> sessionSeen(UUID sessionId, String creatorId, boolean active) {
        return Panache.getSession().chain(session -> session.find(KnownSession.class, sessionId).chain(known -> {
            if (known == null) {
                KnownSession created = new KnownSession();
                created.sessionId = sessionId;
                created.creatorId = creatorId;
                created.active = active;
                return session.persist(created);
            }
            // An ended session never becomes active again, whatever order the events arrive in.
            known.active = known.active && active;
            return Uni.createFrom().voidItem();
        }));
    }

    public Uni<GoalSnapshot> goal(UUID goalId) {
        return Panache.getSession().chain(session -> session.find(GoalSnapshot.class, goalId));
    }

    public Uni<Void> saveGoal(GoalSnapshot goal) {
        return Panache.getSession().chain(session -> session.merge(goal)).replaceWithVoid();
    }

    public Uni<Void> removeGoal(UUID goalId) {
        return Panache.getSession().chain(session -> session.createMutationQuery("delete from GoalSnapshot where goalId = :id")
                .setParameter("id", goalId).executeUpdate()).replaceWithVoid();
    }

    /** The first goal of the session not yet reached: the one "the current goal" means. */
    public Uni<GoalSnapshot> currentGoal(UUID sessionId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from GoalSnapshot where sessionId = :session and completed = false order by position, goalId", GoalSnapshot.class)
                .setParameter("session", sessionId).setMaxResults(1).getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    public Uni<MenuSnapshot> menu(String creatorId) {
        return Panache.getSession().chain(session -> session.find(MenuSnapshot.class, creatorId));
    }

    public Uni<Void> saveMenu(MenuSnapshot menu) {
        return Panache.getSession().chain(session -> session.merge(menu)).replaceWithVoid();
    }

}
