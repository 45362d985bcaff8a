package io.streamingcompanion.chatbot.tts.engine;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFormat;

/**
 * The engine that needs no network and no key: FreeTTS' 16 kHz diphone voice "kevin16" (with a deeper and a
 * brighter variant), encoded to MP3. A FreeTTS voice is not thread-safe, so each synthesis thread allocates
 * its own once (about 0.4 s) and keeps it.
 */
public final class EmbeddedSpeechEngine implements SpeechEngine {

    static final String ENGINE = "embedded";
    private static final float WORDS_PER_MINUTE = 150f;

    private record Variant(String name, float pitchHz) {
    }

    private static final Map<String, Variant> VARIANTS = Map.of(
            "kevin16", new Variant("Kevin", 100f),
            "kevin16-low", new Variant("Kevin (deeper)", 78f),
            "kevin16-high", new Variant("Kevin (brighter)", 128f));
    private static final List<VoiceInfo> VOICES = List.of(
            new VoiceInfo("kevin16", "Kevin", ENGINE, "en-US"),
            new VoiceInfo("kevin16-low", "Kevin (deeper)", ENGINE, "en-US"),
            new VoiceInfo("kevin16-high", "Kevin (brighter)", ENGINE, "en-US"));

    private final ThreadLocal<Voice> voiceOfThread = ThreadLocal.withInitial(EmbeddedSpeechEngine::allocate);
    private final int bitrateKbps;

    public EmbeddedSpeechEngine(int bitrateKbps) {
        this.bitrateKbps = bitrateKbps;
    }

    @Override
    public List<VoiceInfo> voices() {
        return VOICES;
    }

    @Override
    public SpeechAudio synthesize(String text, String voiceId, double rate) {
        Variant variant = VARIANTS.get(voiceId);
        if (variant == null) {
            throw new IllegalArgumentException("Unknown voice " + voiceId);
        }
        Voice voice = voiceOfThread.get();
        PcmCapture capture = new PcmCapture();
        voice.setAudioPlayer(capture);
        voice.setPitch(variant.pitchHz());
        voice.setRate((float) (WORDS_PER_MINUTE * rate));
        if (!voice.speak(text) || capture.format == null) {
            throw new IllegalStateException("FreeTTS produced no audio");
        }
        byte[] pcm = capture.pcm.toByteArray();
        AudioFormat format = capture.format;
        long durationMs = pcm.length * 1000L / (long) (format.getFrameSize() * format.getFrameRate());
        return new SpeechAudio(Mp3Encoder.encode(pcm, format, bitrateKbps), "audio/mpeg", durationMs);
    }

    private static Voice allocate() {
        for (Voice voice : new KevinVoiceDirectory().getVoices()) {
            if (voice.getName().equals("kevin16")) {
                voice.allocate();
                return voice;
            }
        }
        throw new IllegalStateException("FreeTTS has no kevin16 voice");
    }

    /** FreeTTS "plays" into this: the raw samples of one utterance. */
    private static final class PcmCapture implements AudioPlayer {
        private final ByteArrayOutputStream pcm = new ByteArrayOutputStream(256 * 1024);
        private AudioFormat format;
        private float volume = 1f;

        @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return volume; }
        @Override public void setVolume(float volume) { this.volume = volume; }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
        @Override public boolean write(byte[] audio, int offset, int length) { pcm.write(audio, offset, length); return true; }
        @Override public void showMetrics() { }
    }
}
