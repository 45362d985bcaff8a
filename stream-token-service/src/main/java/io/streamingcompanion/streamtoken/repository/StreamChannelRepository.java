package io.streamingcompanion.streamtoken.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Locale;

@ApplicationScoped
@WithSession
public class StreamChannelRepository implements PanacheRepositoryBase<StreamChannel, String> {

    /**
     * The creator's channel, row-locked until the transaction ends: every change to a channel (API call or
     * webhook) goes through this, so changes to one channel are applied one at a time.
     */
    public Uni<StreamChannel> lockOwned(String creatorId) {
        return findById(creatorId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The creator's channel as it is now, without a lock: for reads that change nothing. */
    public Uni<StreamChannel> findOwned(String creatorId) {
        return findById(creatorId);
    }

    public Uni<StreamChannel> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    public Uni<StreamChannel> findByIngressId(String ingressId) {
        return find("ingressId", ingressId).firstResult();
    }

    /** True when no channel has that username, nor that creator id (so lookups by either stay unambiguous). */
    public Uni<Boolean> usernameAvailable(String username, String forCreatorId) {
        String lower = username.toLowerCase(Locale.ROOT);
        return count("(lower(username) = ?1 or lower(creatorId) = ?1) and creatorId <> ?2", lower, forCreatorId)
                .map(count -> count == 0);
    }
}
