package dev.supportdesk.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The request-level rules every service shares, the edge included: problem+json for every answer that is
 * not a success (Spring MVC's, the error page's, Tomcat's own), strict JSON request bodies, refused
 * control characters and path parameters in the URL, a readable {@code Accept}, no HTTP/0.9, and, on the
 * backends, correlation ids and the body size limit.
 */
@AutoConfiguration(
        after = JacksonAutoConfiguration.class,
        before = {HttpMessageConvertersAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
public class WebConfiguration {

    @Bean
    ProblemWriter problemWriter() {
        return new ProblemWriter();
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    ProblemErrorController problemErrorController(ProblemWriter problems) {
        return new ProblemErrorController(problems);
    }

    /** Spring Boot's ObjectMapper (the one beans inject) keeps the platform's base settings. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer platformJsonBase() {
        return builder -> builder.postConfigurer(PlatformJson::withBase);
    }

    /**
     * Request bodies are read, and answers written, by the platform's strict mapper. Spring's mix-in
     * writes a ProblemDetail's extra members beside the standard ones, as RFC 9457 has them.
     */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter() {
        ObjectMapper mapper = PlatformJson.strictRequests();
        mapper.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
        return new MappingJackson2HttpMessageConverter(mapper);
    }

    @Bean
    TomcatEdge tomcatEdge(ProblemWriter problems) {
        return new TomcatEdge(problems);
    }

    /**
     * Tomcat as every port runs it: the problem+json error valve, and a connector whose recycled processors
     * forget HTTP/0.9 ({@link PlatformHttp11NioProtocol}).
     */
    static final class TomcatEdge implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        private final ProblemWriter problems;

        TomcatEdge(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.setProtocol(PlatformHttp11NioProtocol.class.getName());
            factory.addContextCustomizers(context -> replaceErrorReportValve((Host) context.getParent(), problems));
        }

        /** After Spring Boot's own customizer, which adds an HTML error valve of its own. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void replaceErrorReportValve(Host host, ProblemWriter problems) {
        Arrays.stream(host.getPipeline().getValves())
                .filter(ErrorReportValve.class::isInstance)
                .forEach(host.getPipeline()::removeValve);
        Valve valve = new ProblemErrorReportValve(problems);
        host.getPipeline().addValve(valve);
        // The host adds an error valve of this class at start unless one is there already.
        ((StandardHost) host).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
    }

    @Bean
    FilterRegistrationBean<RequestTextFilter> requestTextFilter(ProblemWriter problems) {
        FilterRegistrationBean<RequestTextFilter> registration =
                new FilterRegistrationBean<>(new RequestTextFilter(problems));
        // Before authentication and before anything reads a parameter.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Correlation ids and the body limit belong to services that read requests themselves. The edge
     * switches them off ({@code support.web.backend-filters=false}): it streams bodies under its own limit
     * and passes the caller's correlation id through to the backend that assigns it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "support.web.backend-filters", havingValue = "true", matchIfMissing = true)
    static class BackendFilters {

        @Bean
        FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
            FilterRegistrationBean<CorrelationIdFilter> registration =
                    new FilterRegistrationBean<>(new CorrelationIdFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ProblemWriter problems) {
            FilterRegistrationBean<RequestSizeLimitFilter> registration =
                    new FilterRegistrationBean<>(new RequestSizeLimitFilter(problems));
            // Before authentication: an oversize body is refused without being read, whoever sends it.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RequestRejectedHandler.class)
    static class SecurityRefusals {

        @Bean
        SecurityProblems.Handler securityProblemHandler() {
            return new SecurityProblems.Handler();
        }

        @Bean
        RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
            return new SecurityProblems.Rejected(problems);
        }
    }
}
