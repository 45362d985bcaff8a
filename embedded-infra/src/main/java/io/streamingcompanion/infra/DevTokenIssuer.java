package io.streamingcompanion.infra;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs bearer tokens for local runs and tests. The private key exists only in the memory of the process
 * that created this issuer (the local launcher or a test JVM); services receive only the public key and
 * verify tokens exactly as they verify tokens of a real OIDC provider.
 */
public final class DevTokenIssuer {

    public static final String ISSUER = "streaming-companion-local";

    private final KeyPair keyPair;
    private final String keyId = UUID.randomUUID().toString();

    public DevTokenIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The verification key as Quarkus' {@code quarkus.oidc.public-key} expects it (Base64 X.509). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    public String issue(String subject, String preferredUsername, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject is required");
        }
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() - 5));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(ttl).getEpochSecond()));
        claims.setClaim("preferred_username", preferredUsername == null || preferredUsername.isBlank()
                ? subject : preferredUsername);
        claims.setStringListClaim("groups", "creator");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keyPair.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Token could not be signed", e);
        }
    }

    public String issue(String subject, String preferredUsername) {
        return issue(subject, preferredUsername, Duration.ofHours(8));
    }
}
