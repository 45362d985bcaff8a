package io.streamingcompanion.chatbot.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.streamingcompanion.chatbot.tts.engine.EmbeddedSpeechEngine;
import io.streamingcompanion.chatbot.tts.engine.Mp3Frames;
import io.streamingcompanion.chatbot.tts.engine.OpenAiCompatibleSpeechEngine;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.SpeechAudio;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both engines, the HTTP one against a fake speaking the OpenAI-compatible speech API. */
class SpeechEnginesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "dave tipped 12.50: thank you so much for the stream tonight, this song is "
            + "my favourite and I have been waiting all week for it, greetings from Lisbon and see you next Friday!";
    private static final EmbeddedSpeechEngine EMBEDDED = new EmbeddedSpeechEngine(24);
    private static HttpServer fake;
    private static final AtomicReference<String> lastBody = new AtomicReference<>();
    private static final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private static final AtomicInteger answer = new AtomicInteger(200);
    private static byte[] sample;

    @BeforeAll
    static void startFake() throws IOException {
        sample = EMBEDDED.synthesize("A sample from the fake provider", "kevin16", 1.0).bytes();
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/v1/audio/speech", exchange -> {
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = answer.get();
            byte[] body = switch (status) {
                case 200 -> sample;
                case 201 -> "<html>not audio</html>".getBytes(StandardCharsets.UTF_8);
                default -> "{\"error\":{\"message\":\"invalid key\"}}".getBytes(StandardCharsets.UTF_8);
            };
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "audio/mpeg" : "application/json");
            exchange.sendResponseHeaders(status == 201 ? 200 : status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        fake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.stop(0);
    }

    @Test
    void theEmbeddedEngineMakesACompactMp3OfAPlausibleLength() {
        SpeechAudio audio = EMBEDDED.synthesize(MESSAGE, "kevin16", 1.0);
        Mp3Frames.Mp3Info info = Mp3Frames.read(audio.bytes());
        assertEquals("audio/mpeg", audio.format());
        assertEquals(16_000, info.sampleRate());
        assertEquals(24, info.firstBitrateKbps());
        // About 2.5 words a second: 38 words take 10 to 20 seconds, and the MP3 plays as long as the speech.
        assertTrue(audio.durationMs() > 10_000 && audio.durationMs() < 20_000, "duration " + audio.durationMs());
        assertTrue(Math.abs(info.durationMs() - audio.durationMs()) < 300, info + " vs " + audio.durationMs());
        // The whole clip as base64 in a frame stays far below Kafka's 1 MB record and the socket's limits.
        int frameBytes = (audio.bytes().length + 2) / 3 * 4;
        assertTrue(frameBytes < 80_000, "base64 bytes " + frameBytes + " for " + MESSAGE.length() + " characters");

        SpeechAudio faster = EMBEDDED.synthesize(MESSAGE, "kevin16-high", 1.5);
        assertTrue(faster.durationMs() < audio.durationMs() * 0.8, faster.durationMs() + " vs " + audio.durationMs());
        assertThrows(IllegalArgumentException.class, () -> EMBEDDED.synthesize("hi", "nobody", 1.0));
    }

    @Test
    void framesThatAreNotMp3AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Mp3Frames.read("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> Mp3Frames.read(new byte[0]));
    }

    @Test
    void theHttpEngineSpeaksTheOpenAiCompatibleWireFormat() throws IOException {
        OpenAiCompatibleSpeechEngine engine = engine(1_000_000);
        answer.set(200);
        SpeechAudio audio = engine.synthesize("hello there", "nova", 1.25);
        JsonNode body = JSON.readTree(lastBody.get());
        assertEquals("tts-1", body.path("model").asText());
        assertEquals("hello there", body.path("input").asText());
        assertEquals("nova", body.path("voice").asText());
        assertEquals("mp3", body.path("response_format").asText());
        assertEquals(1.25, body.path("speed").asDouble());
        assertEquals("Bearer sk-test-0123456789", lastAuthorization.get());
        assertEquals(sample.length, audio.bytes().length);
        assertEquals(Mp3Frames.read(sample).durationMs(), audio.durationMs());
        assertEquals(List.of("alloy", "nova"), engine.voices().stream().map(voice -> voice.id()).toList());
    }

    @Test
    void theHttpEngineRefusesErrorsBodiesThatAreNotAudioAndOversizedClips() {
        answer.set(401);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> engine(1_000_000).synthesize("hi", "nova", 1.0));
        assertTrue(refused.getMessage().contains("401") && !refused.getMessage().contains("sk-test"), refused.getMessage());
        answer.set(201);
        assertThrows(IllegalArgumentException.class, () -> engine(1_000_000).synthesize("hi", "nova", 1.0));
        answer.set(200);
        assertThrows(IllegalStateException.class, () -> engine(100).synthesize("hi", "nova", 1.0));
    }

    private static OpenAiCompatibleSpeechEngine engine(int maxBytes) {
        return new OpenAiCompatibleSpeechEngine(URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/"),
                "sk-test-0123456789", "tts-1", List.of("alloy", "nova"), Duration.ofSeconds(5), maxBytes, JSON);
    }
}
