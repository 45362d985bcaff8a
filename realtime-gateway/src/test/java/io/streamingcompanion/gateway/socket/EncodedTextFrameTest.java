package io.streamingcompanion.gateway.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-encoded bytes read back as one unmasked text frame, as a client's decoder reads them. */
class EncodedTextFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void everyPayloadLengthReadsBackAsTheSameText(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2); // two bytes a character: UTF-8, not chars
        EncodedTextFrame frame = EncodedTextFrame.of(text, ByteBufAllocator.DEFAULT);
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        try {
            ByteBuf bytes = frame.forWrite();
            assertTrue(client.writeInbound(bytes));
            TextWebSocketFrame read = client.readInbound();
            assertTrue(read.isFinalFragment());
            assertEquals(text, read.text());
            read.release();
            assertEquals(1, frame.references(), "the write's reference was given back");
        } finally {
            frame.release();
            client.finishAndReleaseAll();
        }
        assertEquals(0, frame.references());
    }

    @Test
    void everySocketGetsTheWholeFrameFromItsOwnDuplicate() {
        String text = "{\"event\":\"tip_received\"}";
        EncodedTextFrame frame = EncodedTextFrame.of(text, ByteBufAllocator.DEFAULT);
        ByteBuf first = frame.forWrite();
        ByteBuf second = frame.forWrite();
        first.skipBytes(first.readableBytes());
        assertEquals(2 + text.length(), second.readableBytes(), "reading one socket's copy leaves the other's whole");
        first.release();
        second.release();
        frame.release();
        assertEquals(0, frame.references());
    }
}
