package io.streamingcompanion.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.contracts.tip.TipReceived;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void namesAreUniqueAndTopicsKnown() {
        var names = new HashSet<String>();
        for (EventType<?> type : EventTypes.all()) {
            assertTrue(names.add(type.name()), "duplicate " + type.name());
            assertTrue(Topics.all().contains(type.topic()), type + " uses unknown topic " + type.topic());
            assertTrue(type.name().startsWith("streaming."), type.name());
            assertEquals(type, EventTypes.byName(type.name()).orElseThrow());
        }
    }

    @Test
    void envelopesRoundTripAndToleratePayloadFieldsAddedLater() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        var tip = new TipReceived(UUID.randomUUID(), UUID.randomUUID(), "alice", 500, "bob", "hi", "manual", null,
                false, clock.instant(), new TipReceived.SessionTotals(1500, 3), null);
        EventEnvelope envelope = EventJson.envelope(EventTypes.TIP_RECEIVED, "alice", tip.sessionId().toString(), tip, clock);
        String json = EventJson.write(envelope).replace("\"amountCents\":500", "\"amountCents\":500,\"newField\":1");
        EventEnvelope read = EventJson.read(json);
        assertEquals(envelope.id(), read.id());
        assertEquals("streaming.tip.received", read.type());
        assertEquals(clock.instant(), read.occurredAt());
        assertEquals(tip, EventJson.payload(read, EventTypes.TIP_RECEIVED));
        assertTrue(json.contains("\"occurredAt\":\"2026-11-23T10:00:00Z\""), json);
    }
}
