package io.streamingcompanion.streamtoken.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.streamtoken.service.Caller;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of this request, from its bearer token: {@code sub} (via {@link CreatorIdentity}) and username. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final CreatorIdentity creator;

    public Callers(SecurityIdentity identity, CreatorIdentity creator) {
        this.identity = identity;
        this.creator = creator;
    }

    /** The authenticated creator (401 if anonymous). Any authenticated token is a creator for now. */
    public Caller creator() {
        return new Caller(creator.creatorId(), preferredUsername());
    }

    /** The signed-in viewer, or null for an anonymous one. */
    public Caller viewerOrNull() {
        return identity.isAnonymous() ? null : creator();
    }

    private String preferredUsername() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("preferred_username");
            if (claim != null) {
                String value = claim.toString().strip();
                // JsonString values print with quotes.
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
