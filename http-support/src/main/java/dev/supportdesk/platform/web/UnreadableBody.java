package dev.supportdesk.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** Why a request body could not be read, in the words of a problem answer: which field and what is wrong. */
record UnreadableBody(HttpStatus status, String title, String detail, List<FieldProblem> errors) {

    private static final int ECHOED_CHARACTERS = 60;

    static UnreadableBody of(Throwable failure) {
        PayloadTooLargeException tooLarge = find(failure, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return new UnreadableBody(
                    HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", tooLarge.getMessage(), List.of());
        }
        if (find(failure, CharacterCodingException.class) != null) {
            return malformed("The body is not valid UTF-8");
        }
        RefusedJsonException refused = find(failure, RefusedJsonException.class);
        if (refused != null) {
            return invalid(refused.field().isEmpty() ? "body" : refused.field(), refused.reason());
        }
        if (find(failure, StreamConstraintsException.class) != null) {
            return malformed("The body exceeds a size limit of the JSON reader");
        }
        JsonMappingException mapping = find(failure, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            return invalid(path(mapping), fieldMessage(mapping));
        }
        if (mapping instanceof MismatchedInputException mismatched) {
            if (mismatched.getOriginalMessage() != null
                    && mismatched.getOriginalMessage().startsWith("Trailing token")) {
                return malformed("The body continues after its JSON value");
            }
            if (mismatched.getTargetType() != null) {
                return malformed("The body must be " + expected(mismatched.getTargetType()));
            }
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return malformed("The body is not valid JSON: " + json.getOriginalMessage());
        }
        return new UnreadableBody(
                HttpStatus.BAD_REQUEST, "Malformed request", "The request body is missing or unreadable", List.of());
    }

    private static UnreadableBody malformed(String detail) {
        return new UnreadableBody(HttpStatus.BAD_REQUEST, "Malformed JSON", detail, List.of());
    }

    private static UnreadableBody invalid(String field, String message) {
        return new UnreadableBody(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    private static String fieldMessage(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid) {
            Class<?> type = invalid.getTargetType();
            if (type == null || type.isEnum() || type == String.class) {
                return "invalid value '" + echo(invalid.getValue()) + "'" + allowedValues(type);
            }
            return "must be " + expected(type) + ", not '" + echo(invalid.getValue()) + "'";
        }
        InputCoercionException coercion = find(e, InputCoercionException.class);
        if (coercion != null) {
            return "is out of range for " + expected(coercion.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + expected(mismatched.getTargetType()) + allowedValues(mismatched.getTargetType());
        }
        return "has an invalid value";
    }

    /** The JSON form a field of this Java type takes, as a client reads it. */
    static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a JSON string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class
                || type == Integer.class
                || type == long.class
                || type == Long.class
                || type == short.class
                || type == Short.class
                || type == byte.class
                || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number" + range(type);
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of the listed names, as a JSON string";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant string, e.g. 2026-11-25T09:30:00Z";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration string, e.g. PT4H";
        }
        if (type.getPackageName().equals("java.time")) {
            return "an ISO-8601 string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "";
    }

    static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "; allowed: "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        return "";
    }

    static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() <= ECHOED_CHARACTERS ? text : text.substring(0, ECHOED_CHARACTERS) + "...";
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
