package dev.supportdesk.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the text of the URL before anything else reads it: the path and every query parameter are
 * percent-decoded strictly as UTF-8 and must be acceptable {@link RequestText}. The container would skip
 * a malformed parameter silently, and Spring Security's firewall would refuse a control character only
 * when a controller reads the parameter, as an exception that ends as a 500; here both are a 400 that
 * names the parameter.
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
        check("path", request.getRequestURI(), false, errors);
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
        if (!errors.isEmpty()) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
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
                    throw new IllegalArgumentException("has a malformed percent-escape '"
                            + raw.substring(i, i + 3) + "'");
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not valid UTF-8 once percent-decoded");
        }
    }
}
