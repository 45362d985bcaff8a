package io.streamingcompanion.commons.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The creator a request acts for: the {@code sub} of its bearer token. Every creator-owned resource is
 * looked up together with this id, so another creator's data is simply not found.
 */
@RequestScoped
public class CreatorIdentity {

    private final SecurityIdentity identity;

    public CreatorIdentity(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String creatorId() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }
}
