package io.streamingcompanion.chatbot.persona;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The name a creator goes by in replies: the token's {@code preferred_username}, else the creator id. */
public final class CreatorNames {

    private CreatorNames() {
    }

    public static String of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object name = jwt.getClaim("preferred_username");
            if (name != null && !name.toString().isBlank() && name.toString().length() <= 255) {
                return name.toString().strip();
            }
        }
        return identity.getPrincipal().getName();
    }
}
