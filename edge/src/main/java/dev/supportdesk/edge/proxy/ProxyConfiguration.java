package dev.supportdesk.edge.proxy;

import java.net.http.HttpClient;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.supportdesk.edge.routing.RouteTable;
import dev.supportdesk.platform.web.ProblemWriter;

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
    HttpClient backendClient(EdgeProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                // Redirects go back to the client as they are (with the Location rewritten).
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    @Bean
    ServletRegistrationBean<ReverseProxyServlet> reverseProxyServlet(RouteTable routes, EdgeProperties properties,
                                                                     HttpClient backendClient, ProblemWriter problemWriter) {
        ReverseProxyServlet servlet = new ReverseProxyServlet(routes, properties, backendClient, new Problems(problemWriter));
        ServletRegistrationBean<ReverseProxyServlet> registration = new ServletRegistrationBean<>(servlet, "/api/*");
        registration.setName("reverseProxy");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
