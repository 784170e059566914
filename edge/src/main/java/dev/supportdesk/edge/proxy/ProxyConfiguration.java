package dev.supportdesk.edge.proxy;

import dev.supportdesk.edge.routing.EdgeEndpoint;
import dev.supportdesk.edge.routing.RouteTable;
import dev.supportdesk.platform.web.ProblemWriter;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the proxy in front of Spring MVC for /api: a plain servlet sees the raw request body and writes
 * the answer as it streams, with no message converter in between. Everything else (the pages,
 * /actuator) stays with Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean
    RouteTable routeTable() {
        return RouteTable.standard();
    }

    @Bean
    HttpClient backendHttpClient(EdgeProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                // Redirects go back to the client as they are (with the Location rewritten).
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    @Bean
    BackendClient backendClient(HttpClient backendHttpClient, EdgeProperties properties) {
        return new BackendClient(backendHttpClient, properties);
    }

    @Bean
    Problems problems(ProblemWriter problemWriter) {
        return new Problems(problemWriter);
    }

    @Bean
    OpenStreams openStreams() {
        return new OpenStreams();
    }

    @Bean
    ServletRegistrationBean<ReverseProxyServlet> reverseProxyServlet(
            RouteTable routes,
            EdgeProperties properties,
            BackendClient backendClient,
            Problems problems,
            List<EdgeHandler> edgeHandlers,
            OpenStreams openStreams) {
        Map<EdgeEndpoint, EdgeHandler> handlers = new EnumMap<>(EdgeEndpoint.class);
        for (EdgeHandler handler : edgeHandlers) {
            if (handlers.put(handler.endpoint(), handler) != null) {
                throw new IllegalStateException("Two handlers for " + handler.endpoint());
            }
        }
        ReverseProxyServlet servlet =
                new ReverseProxyServlet(routes, properties, backendClient, problems, handlers, openStreams);
        ServletRegistrationBean<ReverseProxyServlet> registration = new ServletRegistrationBean<>(servlet, "/api/*");
        registration.setName("reverseProxy");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
