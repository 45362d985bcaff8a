package io.streamingcompanion.chatbot.tts.engine;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * PCM to MP3 with a pure-Java LAME port: mono speech at 16 kHz and 24 kbit/s is about 3 KB a second, so a
 * 200-character message (about 12 seconds) is some 36 KB, 48 KB as base64 in a frame, against 1.5 MB of WAV.
 */
final class Mp3Encoder {

    private Mp3Encoder() {
    }

    static byte[] encode(byte[] pcm, AudioFormat format, int bitrateKbps) {
        LameEncoder encoder = new LameEncoder(format, bitrateKbps, LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
        try {
            ByteArrayOutputStream mp3 = new ByteArrayOutputStream(pcm.length / 10 + 1024);
            byte[] buffer = new byte[encoder.getMP3BufferSize()];
            int chunk = encoder.getPCMBufferSize();
            for (int offset = 0; offset < pcm.length; offset += chunk) {
                int written = encoder.encodeBuffer(pcm, offset, Math.min(chunk, pcm.length - offset), buffer);
                mp3.write(buffer, 0, written);
            }
            mp3.write(buffer, 0, encoder.encodeFinish(buffer));
            return mp3.toByteArray();
        } finally {
            encoder.close();
        }
    }
}
