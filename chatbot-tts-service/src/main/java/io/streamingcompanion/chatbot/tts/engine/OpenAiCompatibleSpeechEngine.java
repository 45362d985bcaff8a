package io.streamingcompanion.chatbot.tts.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * An HTTP engine speaking the OpenAI-compatible speech API ({@code POST <base>/v1/audio/speech} with
 * {@code model}, {@code input}, {@code voice}, {@code response_format}, {@code speed}; the body is the audio),
 * which hosted services and self-hosted servers alike implement. Asks for MP3 and checks that the body is
 * one, within a size limit, before anyone plays it.
 */
public final class OpenAiCompatibleSpeechEngine implements SpeechEngine {

    static final String ENGINE = "openai-compatible";

    record SpeechRequest(String model, String input, String voice, String response_format, double speed) {
    }

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final List<VoiceInfo> voices;
    private final Duration timeout;
    private final int maxAudioBytes;
    private final ObjectMapper json;
    private final HttpClient http;

    public OpenAiCompatibleSpeechEngine(URI baseUrl, String apiKey, String model, List<String> voices, Duration timeout,
                                        int maxAudioBytes, ObjectMapper json) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/v1/audio/speech");
        this.apiKey = apiKey;
        this.model = model;
        this.voices = voices.stream().map(voice -> new VoiceInfo(voice, voice, ENGINE, "multilingual")).toList();
        this.timeout = timeout;
        this.maxAudioBytes = maxAudioBytes;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<VoiceInfo> voices() {
        return voices;
    }

    @Override
    public SpeechAudio synthesize(String text, String voice, double rate) {
        String body;
        try {
            body = json.writeValueAsString(new SpeechRequest(model, text, voice, "mp3", rate));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "audio/mpeg")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    // The body may echo the request; only the status is worth a log line.
                    throw new IllegalStateException("The speech provider answered " + response.statusCode());
                }
                byte[] audio = in.readNBytes(maxAudioBytes + 1);
                if (audio.length > maxAudioBytes) {
                    throw new IllegalStateException("The speech provider sent more than " + maxAudioBytes + " bytes");
                }
                Mp3Frames.Mp3Info info = Mp3Frames.read(audio);
                return new SpeechAudio(audio, "audio/mpeg", info.durationMs());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The speech provider could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the speech provider", e);
        }
    }
}
