package dev.supportdesk.platform.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The platform's one JSON mapper definition, in two layers.
 * <ul>
 *   <li>{@link #base()}: how the platform writes and reads JSON anywhere (HTTP answers, Axon's serializer,
 *   stored JSON): ISO-8601 instants and durations, unknown fields ignored (docs/api.md and compatible event
 *   revisions need that). It accepts whatever it once wrote, so stored data always stays readable.</li>
 *   <li>{@link #strictRequests()}: the base plus the rules for what a client sends: no coercion of any
 *   kind, exact enum names, one JSON value per body, no duplicate keys, at most {@value #MAX_DEPTH} levels of
 *   nesting, strictly decoded UTF-8 and no text PostgreSQL cannot store or nobody types (see
 *   {@link RequestText}). Every service's Spring MVC reads request bodies with it.</li>
 * </ul>
 */
public final class PlatformJson {

    /** Objects and arrays nested deeper than this are refused; no request of the API comes close. */
    public static final int MAX_DEPTH = 64;

    private PlatformJson() {}

    /** A new mapper with the base settings. */
    public static ObjectMapper base() {
        return withBase(new ObjectMapper());
    }

    /** Applies the base settings to a mapper built elsewhere (Spring Boot's, say); returns it. */
    public static <M extends ObjectMapper> M withBase(M mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new Jdk8Module());
        mapper.registerModule(new ParameterNamesModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /** A new mapper for request bodies: the base settings with every strict reading rule. */
    public static ObjectMapper strictRequests() {
        ObjectMapper mapper = withBase(new ObjectMapper(new CheckedJsonFactory()));
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // Written out rather than left to ALLOW_COERCION_OF_SCALARS, which never covered text targets.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setAcceptBlankAsEmpty(false);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-requests").setDeserializerModifier(new StrictDeserializers()));
        return mapper;
    }
}
