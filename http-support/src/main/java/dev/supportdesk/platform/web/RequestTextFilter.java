package dev.supportdesk.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks what every handler reads of a request before anything reads it, and answers 400 naming each part
 * that is wrong:
 * <ul>
 *     <li>the path and every query parameter are percent-decoded strictly as UTF-8 and must be acceptable
 *     {@link RequestText}. The container would skip a malformed parameter silently, and Spring Security's
 *     firewall would refuse a control character only when a controller reads the parameter, as an
 *     exception that ends as a 500;</li>
 *     <li>the path holds no {@code ;}, raw or encoded. The container strips {@code ;x=1} path parameters
 *     before routing, so the edge would forward {@code /api/tickets/T-8;x=1/replies} as a command to T-8
 *     while every backend's firewall refuses it: refused here, the same on every port;</li>
 *     <li>{@code Accept} is a list of media types that Spring's content negotiation can read. Otherwise that
 *     negotiation fails again when the refusal is written, and the 406 goes out without its body.</li>
 * </ul>
 */
public class RequestTextFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public RequestTextFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> errors = new ArrayList<>();
        String path = check("path", request.getRequestURI(), false, errors);
        if (path != null && path.indexOf(';') >= 0) {
            errors.add(new FieldProblem("path", "may not hold ';': path parameters are not part of the API"));
        }
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String rawName = equals < 0 ? pair : pair.substring(0, equals);
                String name = check("query", rawName, true, errors);
                if (name != null && equals >= 0) {
                    check(UnreadableBody.echo(name), pair.substring(equals + 1), true, errors);
                }
            }
        }
        String accept = acceptProblem(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        if (accept != null) {
            errors.add(new FieldProblem(HttpHeaders.ACCEPT, accept));
        }
        if (!errors.isEmpty()) {
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
                    errors);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Decodes and checks one part of the URL; answers the decoded text, or null after adding its problem. */
    private static String check(String field, String raw, boolean form, List<FieldProblem> errors) {
        try {
            String decoded = decode(raw, form);
            String problem = RequestText.problem(decoded);
            if (problem != null) {
                errors.add(new FieldProblem(field, problem));
                return null;
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }

    /**
     * Why Spring's content negotiation could not read these {@code Accept} values, or null when it can. The
     * values are parsed, and their number limited, by the very code that negotiates.
     */
    static String acceptProblem(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(values);
        } catch (IllegalArgumentException e) {
            // InvalidMediaTypeException, or any other refusal of the parser: negotiation would fail alike.
            return "is not a list of media types such as application/json";
        }
        try {
            MimeTypeUtils.sortBySpecificity(new ArrayList<>(types));
        } catch (IllegalArgumentException e) {
            return "lists " + types.size() + " media types, more than content negotiation reads";
        }
        return null;
    }

    /** Percent-decoding (and {@code +} as a space in a query) with nothing tolerated. */
    static String decode(String raw, boolean form) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("has an incomplete percent-escape");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(
                            "has a malformed percent-escape '" + raw.substring(i, i + 3) + "'");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && form) {
                bytes.write(' ');
            } else if (c > 0x7f) {
                // The container hands the raw URL over as bytes read one to one.
                bytes.write(c & 0xff);
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not valid UTF-8 once percent-decoded");
        }
    }
}
