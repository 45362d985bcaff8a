package io.streamingcompanion.commons.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token this replica verified before from {@link VerifiedTokens}; any other token gets null,
 * which makes Quarkus ask the next provider, OIDC, to verify it in full.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens verifiedTokens;

    public CachedTokenIdentityProvider(VerifiedTokens verifiedTokens) {
        this.verifiedTokens = verifiedTokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // Ahead of OIDC's provider, which keeps the interface's default (1001, above SYSTEM_FIRST); at equal
        // priority the order between the two is arbitrary and the cache would be asked only now and then.
        return 2 * SYSTEM_FIRST;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential bearer) || bearer.getToken() == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(verifiedTokens.lookup(bearer.getToken(),
                HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
