package dev.supportdesk.ticket.command.web;

import dev.supportdesk.platform.web.ETags;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link IfMatch} parameters for every endpoint of this service. */
final class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

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
    public Long resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        return ETags.expectedVersion(request.getHeader(HttpHeaders.IF_MATCH));
    }
}
