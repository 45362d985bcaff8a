package io.streamingcompanion.chatbot.tts.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.commons.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The engine configuration selects ({@code chatbot.tts.engine}); a misconfigured one stops the service at start. */
public class SpeechEngineProducer {

    @Produces
    @ApplicationScoped
    public SpeechEngine engine(ChatbotConfig config, ObjectMapper json) {
        ChatbotConfig.Tts tts = config.tts();
        return switch (tts.engine()) {
            case EmbeddedSpeechEngine.ENGINE -> new EmbeddedSpeechEngine(tts.mp3BitrateKbps());
            case OpenAiCompatibleSpeechEngine.ENGINE -> {
                ChatbotConfig.Tts.OpenAi openai = tts.openai();
                var baseUrl = openai.baseUrl().orElseThrow(() -> new IllegalStateException(
                        "CHATBOT_TTS_OPENAI_BASE_URL is not set; the openai-compatible engine needs it"));
                String key = Secrets.requireReal("CHATBOT_TTS_OPENAI_API_KEY", openai.apiKey().orElse(null), 8);
                Log.infof("Text-to-speech through %s (model %s)", baseUrl.getHost(), openai.model());
                yield new OpenAiCompatibleSpeechEngine(baseUrl, key, openai.model(), openai.voices(), openai.timeout(),
                        openai.maxAudioBytes(), json);
            }
            default -> throw new IllegalStateException("chatbot.tts.engine must be embedded or openai-compatible, not "
                    + tts.engine());
        };
    }
}
