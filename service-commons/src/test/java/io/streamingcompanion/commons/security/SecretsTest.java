package io.streamingcompanion.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String GENERATED = "9f2c4e1a7b3d5f60182a4c6e8b0d2f4a";

    @Test
    void aGeneratedValueIsAccepted() {
        assertEquals(GENERATED, Secrets.requireReal("X", GENERATED, 32));
    }

    @Test
    void missingPlaceholderAndShortValuesAreRefusedWithoutShowingThem() {
        for (String value : new String[] {null, "", "  ", "secret", "devkey", "change-me", "CHANGE-ME-please-0123456789abcdef",
                "<generate me>", "${LIVEKIT_API_SECRET}", "replace-with-a-real-value-0123456789"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Secrets.requireReal("LIVEKIT_API_SECRET", value, 32), String.valueOf(value));
            assertTrue(refused.getMessage().startsWith("LIVEKIT_API_SECRET"));
            assertFalse(value != null && value.length() >= 8 && refused.getMessage().contains(value), "the value leaked");
        }
        assertThrows(IllegalStateException.class, () -> Secrets.requireReal("X", "a1b2c3", 32));
    }

    @Test
    void matchingIsExact() {
        assertTrue(Secrets.matches(GENERATED, GENERATED));
        assertFalse(Secrets.matches(GENERATED, GENERATED.substring(1)));
        assertFalse(Secrets.matches(GENERATED, null));
        assertFalse(Secrets.matches(null, GENERATED));
    }
}
