package io.streamingcompanion.chatbot.tts;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.tts.engine.EmbeddedSpeechEngine;
import io.streamingcompanion.chatbot.tts.engine.OpenAiCompatibleSpeechEngine;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngineProducer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine is what configuration says, and an HTTP engine without a real key stops the service at start. */
class SpeechEngineProducerTest {

    private static ChatbotConfig config(String engine, String baseUrl, String apiKey) {
        ChatbotConfig.Tts.OpenAi openai = new ChatbotConfig.Tts.OpenAi() {
            public Optional<URI> baseUrl() { return Optional.ofNullable(baseUrl).map(URI::create); }
            public Optional<String> apiKey() { return Optional.ofNullable(apiKey); }
            public String model() { return "tts-1"; }
            public List<String> voices() { return List.of("alloy"); }
            public Duration timeout() { return Duration.ofSeconds(5); }
            public int maxAudioBytes() { return 1000; }
        };
        ChatbotConfig.Tts tts = new ChatbotConfig.Tts() {
            public String engine() { return engine; }
            public int workers() { return 1; }
            public int queueCapacity() { return 1; }
            public Duration maxDelay() { return Duration.ofSeconds(60); }
            public Duration claimTimeout() { return Duration.ofSeconds(30); }
            public int mp3BitrateKbps() { return 24; }
            public OpenAi openai() { return openai; }
        };
        return new ChatbotConfig() {
            public int maxPersonas() { return 20; }
            public int menuItemsInReply() { return 8; }
            public Tts tts() { return tts; }
        };
    }

    private static Object produce(ChatbotConfig config) {
        return new SpeechEngineProducer().engine(config, new ObjectMapper());
    }

    @Test
    void embeddedIsTheDefaultAndTheHttpEngineNeedsAUrlAndARealKey() {
        assertInstanceOf(EmbeddedSpeechEngine.class, produce(config("embedded", null, null)));
        assertInstanceOf(OpenAiCompatibleSpeechEngine.class,
                produce(config("openai-compatible", "https://speech.example.com", "sk-live-0123456789abcdef")));
        IllegalStateException noKey = assertThrows(IllegalStateException.class,
                () -> produce(config("openai-compatible", "https://speech.example.com", null)));
        assertTrue(noKey.getMessage().contains("CHATBOT_TTS_OPENAI_API_KEY"), noKey.getMessage());
        assertThrows(IllegalStateException.class, () -> produce(config("openai-compatible", "https://speech.example.com", "change-me")));
        assertThrows(IllegalStateException.class, () -> produce(config("openai-compatible", null, "sk-live-0123456789abcdef")));
        assertThrows(IllegalStateException.class, () -> produce(config("espeak", null, null)));
    }
}
