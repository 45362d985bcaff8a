package io.streamingcompanion.gateway.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * One text frame on its way to many sockets, WebSocket framing included, encoded once. A server's frames are
 * not masked (RFC 6455, 5.1), so the same bytes are right for every socket: each gets a duplicate sharing
 * the buffer, instead of its own UTF-8 encoding, frame object and header.
 *
 * <p>Reference counted: the creator holds one reference, {@link #retain()} adds one per further holder,
 * {@link #release()} gives one back; each socket write takes its own ({@link #forWrite()}) and the channel
 * gives it back once written.
 */
public final class EncodedTextFrame {

    private static final int FIN_TEXT = 0x81;
    private static final int MAX_ONE_BYTE_LENGTH = 125;
    private static final int TWO_BYTE_LENGTH = 126;
    private static final int EIGHT_BYTE_LENGTH = 127;

    private final String text;
    private final ByteBuf encoded;

    private EncodedTextFrame(String text, ByteBuf encoded) {
        this.text = text;
        this.encoded = encoded;
    }

    public static EncodedTextFrame of(String text, ByteBufAllocator allocator) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf encoded = allocator.directBuffer(headerLength(payload.length) + payload.length);
        encoded.writeByte(FIN_TEXT);
        if (payload.length <= MAX_ONE_BYTE_LENGTH) {
            encoded.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            encoded.writeByte(TWO_BYTE_LENGTH);
            encoded.writeShort(payload.length);
        } else {
            encoded.writeByte(EIGHT_BYTE_LENGTH);
            encoded.writeLong(payload.length);
        }
        encoded.writeBytes(payload);
        return new EncodedTextFrame(text, encoded);
    }

    private static int headerLength(int payloadLength) {
        return payloadLength <= MAX_ONE_BYTE_LENGTH ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    public String text() {
        return text;
    }

    /** The frame's bytes for one write, with a reference of their own that the write gives back. */
    public ByteBuf forWrite() {
        return encoded.retainedDuplicate();
    }

    public EncodedTextFrame retain() {
        encoded.retain();
        return this;
    }

    public void release() {
        encoded.release();
    }

    int references() {
        return encoded.refCnt();
    }
}
