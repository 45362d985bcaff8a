package io.streamingcompanion.commons.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this replica has verified, with the identity each one produced. Verifying an RS256 token (parse,
 * signature, claims) was 45 % of the creator-token route's CPU; a creator's dashboard, overlay and tip calls send
 * the same token again and again until it expires.
 *
 * <p>An entry is keyed by the exact token text, so only a byte-identical token can reuse it, and it lives until
 * the token's own {@code exp} or {@link VerifiedTokenConfig#maxAge()}, whichever comes first. Identities are
 * kept as the identity provider built them, before augmentation, and without the request they were built in.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final Cache<String, Verified> identities;
    private final Duration maxAge;
    private final AtomicLong hits = new AtomicLong();

    public VerifiedTokens(VerifiedTokenConfig config) {
        this.maxAge = config.maxAge();
        this.identities = Caffeine.newBuilder()
                .maximumSize(config.maxSize())
                .expireAfter(new UntilTokenExpiry())
                .build();
    }

    /** The identity {@code token} verified to, bound to the current request, or null when it must be verified. */
    public SecurityIdentity lookup(String token, RoutingContext request) {
        Verified verified = identities.getIfPresent(token);
        if (verified == null || verified.expiresAt().isBefore(Instant.now())) {
            return null;
        }
        hits.incrementAndGet();
        if (request == null || verified.requestAttributes().isEmpty()) {
            return verified.identity();
        }
        QuarkusSecurityIdentity.Builder bound = QuarkusSecurityIdentity.builder(verified.identity());
        verified.requestAttributes().forEach(name -> bound.addAttribute(name, request));
        return bound.build();
    }

    /** Remembers a freshly verified bearer identity; anything else (anonymous, no JWT, no bearer credential) is ignored. */
    public void remember(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential bearer = identity.getCredential(AccessTokenCredential.class);
        if (bearer == null || bearer.getToken() == null || !bearer.getToken().equals(jwt.getRawToken())
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        Set<String> requestAttributes = new HashSet<>();
        identity.getAttributes().forEach((name, value) -> {
            if (value instanceof RoutingContext) {
                requestAttributes.add(name);
            }
        });
        Verified verified = new Verified(withoutRequest(identity, requestAttributes), Set.copyOf(requestAttributes),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
        identities.asMap().putIfAbsent(bearer.getToken(), verified);
    }

    /** How many requests were answered from the cache (exposed for tests and the benchmark's reading). */
    public long hits() {
        return hits.get();
    }

    /**
     * A copy that does not pin the request the token was first verified in; a later request is put back under
     * the same attribute names when the identity is reused.
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity, Set<String> requestAttributes) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.keySet().removeAll(requestAttributes);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addAttributes(attributes)
                .addPermissionChecker(identity::checkPermission)
                .setAnonymous(false)
                .build();
    }

    private record Verified(SecurityIdentity identity, Set<String> requestAttributes, Instant expiresAt) {
    }

    private final class UntilTokenExpiry implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String token, Verified verified, long currentTime) {
            Duration untilExpiry = Duration.between(Instant.now(), verified.expiresAt());
            Duration lifetime = untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
            return Math.max(0, lifetime.toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String token, Verified verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
