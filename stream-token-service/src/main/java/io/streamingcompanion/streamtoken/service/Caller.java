package io.streamingcompanion.streamtoken.service;

/**
 * Who is calling: the token's {@code sub} and, when the token has one, its {@code preferred_username}. Any
 * authenticated caller may act as a creator (on their own channel only) until the suite has roles.
 */
public record Caller(String id, String preferredUsername) {

    public String displayName() {
        return preferredUsername != null && !preferredUsername.isBlank() ? preferredUsername : id;
    }
}
