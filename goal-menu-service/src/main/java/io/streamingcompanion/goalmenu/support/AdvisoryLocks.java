package io.streamingcompanion.goalmenu.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped PostgreSQL advisory locks. Writers of one aggregate (a session's goals, a creator's
 * menu) take the same lock first, so their read-modify-write cycles and the events they record happen one
 * after the other, across threads and replicas; the lock is released at commit or rollback.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Blocks (without holding a thread) until this transaction holds the lock named {@code key}. */
    public static Uni<Void> lock(String key) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))", Integer.class)
                        .setParameter("key", key)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
