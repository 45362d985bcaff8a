package io.streamingcompanion.commons.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hands every identity a provider built from a bearer token to {@link VerifiedTokens}, before other augmentors. */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {

    private final VerifiedTokens verifiedTokens;

    public VerifiedTokenRecorder(VerifiedTokens verifiedTokens) {
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public int priority() {
        // Augmentors run highest first: this one sees the provider's identity as is, so a cache hit goes through
        // the same augmentation as a fresh verification.
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        verifiedTokens.remember(identity);
        return Uni.createFrom().item(identity);
    }
}
