package io.streamingcompanion.chatbot.tts.engine;

import java.util.List;

/**
 * Turns text into a compact clip. {@link #synthesize} blocks (CPU or network) and is only ever called on the
 * synthesis pool's threads ({@link SynthesisPool}), never on an event loop.
 */
public interface SpeechEngine {

    /** The voices creators may choose, the first being the default. */
    List<VoiceInfo> voices();

    SpeechAudio synthesize(String text, String voice, double rate);

    default String defaultVoice() {
        return voices().get(0).id();
    }

    default boolean hasVoice(String voice) {
        return voices().stream().anyMatch(candidate -> candidate.id().equals(voice));
    }

    /** A voice a creator can choose. */
    record VoiceInfo(String id, String name, String engine, String language) {
    }

    /** A synthesized clip: its bytes, media type and length. */
    record SpeechAudio(byte[] bytes, String format, long durationMs) {
    }
}
