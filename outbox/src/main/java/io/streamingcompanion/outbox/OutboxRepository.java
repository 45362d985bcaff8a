package io.streamingcompanion.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Names this service's relay lock; advisory locks span the database, which services may share. */
    private final String relayLockName;

    public OutboxRepository(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.relayLockName = "outbox-relay:" + applicationName;
    }

    public Uni<List<OutboxEvent>> oldest(int limit) {
        return findAll(Sort.ascending("seq")).page(Page.ofSize(limit)).list();
    }

    /** True when this transaction now holds the relay lock; released at commit or rollback. */
    public Uni<Boolean> tryRelayLock() {
        return AdvisoryLocks.tryLock(relayLockName);
    }

    public Uni<Long> deletePublished(List<Long> seqs) {
        return delete("seq in ?1", seqs);
    }
}
