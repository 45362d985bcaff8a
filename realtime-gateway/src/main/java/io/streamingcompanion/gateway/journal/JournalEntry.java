package io.streamingcompanion.gateway.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;

/**
 * One frame-producing event as the journal holds it: its position in the creator's journal, who may see it
 * ({@code sessionId}, or null for creator-wide frames such as the menu) and the frame data for the creator's
 * own sockets and for overlays, already serialised.
 */
public record JournalEntry(String creatorId, long position, String sessionId, String event, String creatorData,
                           String overlayData, long appendedAtMillis) {

    public boolean creatorWide() {
        return sessionId == null;
    }

    /** A frame for the creator's own sockets only (a connector's status): overlays never get it. */
    public boolean creatorOnly() {
        return overlayData == null || "null".equals(overlayData);
    }

    /** The wire text of this entry for one kind of socket. */
    public String frame(boolean forOverlay, ObjectMapper json) {
        try {
            return json.writeValueAsString(new ServerFrame(event,
                    new RawValue(forOverlay ? overlayData : creatorData), position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Frame " + event + " at " + position + " could not be written", e);
        }
    }
}
