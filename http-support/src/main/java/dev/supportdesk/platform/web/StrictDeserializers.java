package dev.supportdesk.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.EnumDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.EnumValues;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Jackson's own deserializers accept beyond the value's one JSON form, taken away: an enum is its
 * exact name (Jackson trims it and takes ordinals), a {@code java.time} value is an ISO-8601 string
 * (never epoch numbers or arrays), and a {@code double} or {@code float} is finite (Jackson turns
 * {@code 1e400} into infinity).
 */
final class StrictDeserializers extends BeanDeserializerModifier {

    @Override
    public JsonDeserializer<?> modifyEnumDeserializer(
            DeserializationConfig config,
            JavaType type,
            BeanDescription description,
            JsonDeserializer<?> deserializer) {
        // Enums with a creator of their own keep it: their author decided what they accept.
        if (deserializer.getClass() != EnumDeserializer.class) {
            return deserializer;
        }
        EnumValues values = EnumValues.constructFromName(config, description.getClassInfo());
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Enum<?> constant : values.enums()) {
            byName.put(values.serializedValueFor(constant).getValue(), constant);
        }
        return new ExactEnum(type.getRawClass(), byName);
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(
            DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        if (type.getPackageName().equals("java.time")) {
            return new TextOnly(deserializer);
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return new FiniteOnly(deserializer);
        }
        return deserializer;
    }

    private static final class ExactEnum extends StdScalarDeserializer<Object> {
        private final Map<String, Object> byName;

        ExactEnum(Class<?> type, Map<String, Object> byName) {
            super(type);
            this.byName = byName;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText();
            Object value = byName.get(text);
            if (value == null) {
                return context.handleWeirdStringValue(handledType(), text, "not one of %s", byName.keySet());
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {
        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }

    private static final class FiniteOnly extends DelegatingDeserializer {
        FiniteOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new FiniteOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof Number number && !Double.isFinite(number.doubleValue())) {
                throw new InputCoercionException(
                        parser,
                        "Numeric value (" + parser.getText() + ") out of range of "
                                + handledType().getSimpleName(),
                        parser.currentToken(),
                        handledType());
            }
            return value;
        }
    }
}
