package io.streamingcompanion.commons.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonCustomizerTest {

    record Request(String title, long amountCents, int viewerCount, Boolean test, Map<String, Object> metadata) {
    }

    private final ObjectMapper mapper = StrictJsonCustomizer.apply(new ObjectMapper());

    @Test
    void wellTypedBodiesAreRead() throws Exception {
        Request request = mapper.readValue("{\"title\":\"Fri ☕\",\"amountCents\":125,\"viewerCount\":3,\"test\":true,"
                + "\"metadata\":{\"a\":[\"x\",{\"b\":1}]}}", Request.class);
        assertEquals(125, request.amountCents());
        assertEquals("Fri ☕", request.title());
        assertEquals(Map.of("a", java.util.List.of("x", Map.of("b", 1))), request.metadata());
    }

    @Test
    void scalarsOfTheWrongTypeAreRefused() {
        refused("{\"amountCents\":\"125\"}");
        refused("{\"amountCents\":1.5}");
        refused("{\"viewerCount\":\"3\"}");
        refused("{\"test\":\"true\"}");
        refused("{\"test\":1}");
        refused("{\"title\":125}");
        refused("{\"title\":true}");
        refused("{\"amountCents\":null}");
    }

    @Test
    void numbersOutOfRangeAreRefusedNotWrapped() {
        refused("{\"amountCents\":18446744073709552866}");
        refused("{\"viewerCount\":4294967396}");
    }

    @Test
    void textWithNulIsRefusedWherever() {
        refused("{\"title\":\"a\\u0000b\"}");
        refused("{\"metadata\":{\"k\":\"a\\u0000b\"}}");
        refused("{\"metadata\":{\"k\":[\"ok\",\"a\\u0000b\"]}}");
        refused("{\"metadata\":{\"a\\u0000\":1}}");
    }

    private void refused(String json) {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Request.class), json);
    }
}
