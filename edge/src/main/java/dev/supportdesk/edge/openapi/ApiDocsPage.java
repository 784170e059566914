package dev.supportdesk.edge.openapi;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.supportdesk.edge.proxy.EdgeHandler;
import dev.supportdesk.edge.routing.EdgeEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/docs}: Swagger UI over {@code /api/openapi.json}. The scripts come from the swagger-ui
 * WebJar that the edge serves under {@code /webjars/}, so the page needs nothing beyond the origin.
 */
final class ApiDocsPage implements EdgeHandler {

    private final byte[] page;

    /** @param swaggerUiVersion the WebJar's version, which is part of its resource paths */
    ApiDocsPage(String swaggerUiVersion) {
        String assets = "/webjars/swagger-ui/" + swaggerUiVersion;
        this.page = ("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Support desk API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      url: "/api/openapi.json",
                      dom_id: "#swagger-ui",
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: "StandaloneLayout"
                    });
                  </script>
                </body>
                </html>
                """).formatted(assets).getBytes(UTF_8);
    }

    @Override
    public EdgeEndpoint endpoint() {
        return EdgeEndpoint.API_DOCS;
    }

    @Override
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
