package io.streamingcompanion.chatbot.tts.engine;

/**
 * Reads the frame headers of an MPEG audio layer III stream: whether bytes are an MP3 at all, and how long
 * it plays (frames × samples per frame ÷ sample rate). Used to time clips from HTTP engines, which do not
 * say, and to refuse a body that is not the audio it claims to be.
 */
public final class Mp3Frames {

    /** What the headers say: every frame had the same sample rate. */
    public record Mp3Info(int frames, int sampleRate, int firstBitrateKbps, int version, long durationMs) {
    }

    private static final int[][] SAMPLE_RATES = {
            {11025, 12000, 8000}, // MPEG 2.5
            null,
            {22050, 24000, 16000}, // MPEG 2
            {44100, 48000, 32000}}; // MPEG 1
    private static final int[] BITRATES_V1 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] BITRATES_V2 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    private Mp3Frames() {
    }

    /** The stream's frames, or an exception naming what is wrong. */
    public static Mp3Info read(byte[] bytes) {
        int offset = skipId3v2(bytes);
        int frames = 0;
        int sampleRate = 0;
        int firstBitrate = 0;
        int version = 0;
        long samples = 0;
        while (offset + 4 <= bytes.length) {
            int header = ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                    | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
            if ((header >>> 21) != 0x7ff) {
                if (frames > 0 && isTrailingTag(bytes, offset)) {
                    break;
                }
                throw new IllegalArgumentException("No MPEG frame at byte " + offset);
            }
            int versionBits = (header >>> 19) & 0b11;
            int layerBits = (header >>> 17) & 0b11;
            int bitrateIndex = (header >>> 12) & 0b1111;
            int rateIndex = (header >>> 10) & 0b11;
            int padding = (header >>> 9) & 1;
            if (versionBits == 1 || layerBits != 0b01 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                throw new IllegalArgumentException("Not a layer III frame at byte " + offset);
            }
            int rate = SAMPLE_RATES[versionBits][rateIndex];
            int bitrate = (versionBits == 3 ? BITRATES_V1 : BITRATES_V2)[bitrateIndex];
            int samplesPerFrame = versionBits == 3 ? 1152 : 576;
            int length = samplesPerFrame / 8 * bitrate * 1000 / rate + padding;
            if (frames == 0) {
                sampleRate = rate;
                firstBitrate = bitrate;
                version = versionBits == 3 ? 1 : 2;
            } else if (rate != sampleRate) {
                throw new IllegalArgumentException("The sample rate changes at byte " + offset);
            }
            frames++;
            samples += samplesPerFrame;
            offset += length;
        }
        if (frames == 0) {
            throw new IllegalArgumentException("No MPEG frames");
        }
        return new Mp3Info(frames, sampleRate, firstBitrate, version, samples * 1000 / sampleRate);
    }

    private static int skipId3v2(byte[] bytes) {
        if (bytes.length >= 10 && bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3') {
            int size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
            return 10 + size;
        }
        return 0;
    }

    private static boolean isTrailingTag(byte[] bytes, int offset) {
        return bytes.length - offset == 128 && bytes[offset] == 'T' && bytes[offset + 1] == 'A' && bytes[offset + 2] == 'G';
    }
}
