package dev.supportdesk.edge.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.edge.proxy.BackendClient;
import dev.supportdesk.edge.routing.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public API description: the merged OpenAPI document and the Swagger UI page over it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String SWAGGER_UI_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    @Bean
    OpenApiDocument openApiDocument(
            BackendClient backends, OpenApiProperties properties, RouteTable routes, ObjectMapper objectMapper) {
        return new OpenApiDocument(
                new BackendDocuments(backends, properties, objectMapper, Clock.systemUTC()),
                new OpenApiMerger(routes, objectMapper),
                objectMapper);
    }

    @Bean
    ApiDocsPage apiDocsPage() throws IOException {
        return new ApiDocsPage(swaggerUiVersion());
    }

    /** The WebJar's resource paths carry its version; its Maven metadata names it. */
    static String swaggerUiVersion() throws IOException {
        try (InputStream in = OpenApiConfiguration.class.getClassLoader().getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        "The swagger-ui WebJar is not on the classpath (" + SWAGGER_UI_POM + ")");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        }
    }
}
