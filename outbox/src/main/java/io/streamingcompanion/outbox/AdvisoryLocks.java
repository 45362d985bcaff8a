package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped PostgreSQL advisory locks, taken in the caller's transaction and released at its commit or
 * rollback.
 *
 * <p>Each lock statement runs for its row count ({@code executeUpdate}), never as a query with a typed result:
 * Hibernate keeps a native query's plan under its SQL together with its result mapping, and a typed scalar result
 * is a new mapping object on every call that equals no other. So every call cached one more plan under the same
 * hash: the 2,048 plans of a service filled with copies of one lock statement, every HQL plan was evicted (each
 * HQL query was translated again on every execution), and each lookup compared its key with thousands of copies.
 * A statement run for its row count is cached under its SQL alone.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** True when this transaction now holds the lock named {@code name}; false at once when another holds it. */
    public static Uni<Boolean> tryLock(String name) {
        return rowCount("SELECT 1 WHERE pg_try_advisory_xact_lock(hashtext(:value))", name).map(rows -> rows == 1);
    }

    /** Waits (without holding a thread) until this transaction holds the lock named {@code name}. */
    public static Uni<Void> lock(String name) {
        return rowCount("SELECT pg_advisory_xact_lock(hashtextextended(:value, 0))", name).replaceWithVoid();
    }

    /** Waits until this transaction holds lock {@code key} shared: only an exclusive holder keeps it out. */
    public static Uni<Void> lockShared(long key) {
        return rowCount("SELECT pg_advisory_xact_lock_shared(:value)", key).replaceWithVoid();
    }

    private static Uni<Integer> rowCount(String sql, Object value) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter("value", value).executeUpdate());
    }
}
