package io.streamingcompanion.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Request bodies (REST and WebSocket frames alike) are read strictly where leniency would change meaning
 * or break storage: 1.5 for an amount in cents is a client bug, never one cent; {@code "125"} is not a
 * number nor {@code 1} a boolean; 2^64 + 1250 is out of range, never 1250; and text never carries a NUL
 * character, which PostgreSQL cannot store.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** The same rules for a mapper built outside CDI (tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // Free-form values (metadata maps) are read by Jackson's untyped deserializer, which looks up the
        // String and key deserializers registered here, so their text follows the same rules.
        SimpleModule module = new SimpleModule("strict-text");
        module.addDeserializer(String.class, new StrictStringDeserializer());
        module.addKeyDeserializer(String.class, new StrictKeyDeserializer());
        mapper.registerModule(module);
        return mapper;
    }

    /** Strings are JSON strings (not numbers or booleans read as text) and hold no NUL. */
    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            return checked(parser.getText(), parser, context);
        }
    }

    static final class StrictKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key.indexOf('\u0000') >= 0) {
                throw context.weirdKeyException(String.class, key, "must not contain the NUL character");
            }
            return key;
        }
    }

    private static String checked(String text, JsonParser parser, DeserializationContext context) throws IOException {
        if (text.indexOf('\u0000') >= 0) {
            throw context.weirdStringException(text.replace('\u0000', '?'), String.class,
                    "must not contain the NUL character");
        }
        return text;
    }
}
