package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ApiProblem;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@link IfMatch} parameters for every endpoint of this service. */
final class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Pattern VERSION = Pattern.compile("^\\s*(?:W/)?\"?([0-9]{1,18})\"?\\s*$");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (!parameter.hasParameterAnnotation(IfMatch.class)) {
            return false;
        }
        if (parameter.getParameterType() != Long.class) {
            throw new IllegalStateException("@IfMatch needs a Long parameter: " + parameter);
        }
        return true;
    }

    @Override
    public Long resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return parse(request.getHeader(HttpHeaders.IF_MATCH));
    }

    static Long parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(header);
        if (!matcher.matches()) {
            throw ApiProblem.badRequest(HttpHeaders.IF_MATCH, "must be a ticket version in quotes, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}
