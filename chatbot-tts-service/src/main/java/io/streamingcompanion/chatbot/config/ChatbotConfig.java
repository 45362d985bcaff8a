package io.streamingcompanion.chatbot.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "chatbot")
public interface ChatbotConfig {

    /** Personas one creator may have; every chat message is checked against all enabled ones. */
    @WithDefault("20")
    int maxPersonas();

    /** Items of the active menu that {@code {menu}} lists; chat lines are short. */
    @WithDefault("8")
    int menuItemsInReply();

    /** Text-to-speech of tip messages. */
    Tts tts();

    interface Tts {

        /** {@code embedded} (FreeTTS, no network, no key) or {@code openai-compatible} (an HTTP provider). */
        @WithDefault("embedded")
        String engine();

        /** Threads that synthesize; each holds one voice. */
        @WithDefault("1")
        int workers();

        /** Clips waiting for a worker on this replica; when full, more tips wait in the database (and may be skipped). */
        @WithDefault("16")
        int queueCapacity();

        /** A clip not started within this much of its tip is skipped: the moment has passed. */
        @WithDefault("PT60S")
        Duration maxDelay();

        /** How long one replica may hold a clip it claimed before another may take it over. */
        @WithDefault("PT30S")
        Duration claimTimeout();

        /** Embedded engine's MP3 bitrate: speech at 16 kHz needs little. */
        @WithDefault("24")
        int mp3BitrateKbps();

        OpenAi openai();

        interface OpenAi {

            /** The provider's base URL ({@code <base>/v1/audio/speech} is called). */
            Optional<URI> baseUrl();

            /** No default: required when the engine is {@code openai-compatible}. */
            Optional<String> apiKey();

            @WithDefault("tts-1")
            String model();

            @WithDefault("alloy,echo,fable,onyx,nova,shimmer")
            List<String> voices();

            @WithDefault("PT20S")
            Duration timeout();

            /** Clips above this are refused: base64 in a Kafka record must stay under its 1 MB limit. */
            @WithDefault("614400")
            int maxAudioBytes();
        }
    }
}
