package dev.supportdesk.edge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reports page loads its chart library from the origin itself: the path written in console/reports.js must
 * be the ECharts WebJar on the edge's classpath (its version is part of the path), served as a JavaScript module.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleAssetsIT {

    private static final Pattern CHART_MODULE = Pattern.compile("'(/webjars/echarts/([^/']+)/dist/[^']+\\.js)'");

    @LocalServerPort
    int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theReportsPageImportsTheEchartsWebJarTheEdgeServes() throws Exception {
        HttpResponse<String> page = get("/console/reports.js");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher module = CHART_MODULE.matcher(page.body());
        assertThat(module.find()).as("reports.js names its chart module").isTrue();

        assertThat(module.group(2)).as("the version in the path").isEqualTo(webJarVersion());
        HttpResponse<String> script = get(module.group(1));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("javascript"));
        assertThat(script.body()).contains("as init,").doesNotContain("from\"");
    }

    @Test
    void noOtherPageOfTheConsoleLoadsTheChartLibrary() throws Exception {
        for (String asset : new String[] {"/", "/console/app.js", "/console/ui.js", "/console/api.js"}) {
            HttpResponse<String> answer = get(asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.body()).as(asset).doesNotContain("/webjars/echarts");
        }
    }

    private static String webJarVersion() throws IOException {
        try (InputStream in = ConsoleAssetsIT.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            assertThat(in).as("the ECharts WebJar is on the edge's classpath").isNotNull();
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                BodyHandlers.ofString());
    }
}
