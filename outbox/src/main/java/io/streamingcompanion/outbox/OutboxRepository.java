package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Arbitrary but fixed: the advisory lock that makes one relay per service publish at a time. */
    private static final long RELAY_LOCK = 0x5C0E_7B0C_0001L;

    public Uni<List<OutboxEvent>> oldest(int limit) {
        return findAll(Sort.ascending("seq")).page(Page.ofSize(limit)).list();
    }

    /** True when this transaction now holds the relay lock; released at commit or rollback. */
    public Uni<Boolean> tryRelayLock() {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")", Boolean.class)
                .getSingleResult());
    }

    public Uni<Long> deletePublished(List<Long> seqs) {
        return delete("seq in ?1", seqs);
    }
}
