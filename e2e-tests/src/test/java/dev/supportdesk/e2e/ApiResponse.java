package dev.supportdesk.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** One answer of the API; {@link #toString()} shows enough to understand a failed assertion. */
public record ApiResponse(String request, int status, HttpHeaders headers, String body) {

    public JsonNode json() {
        return ApiClient.parse(body);
    }

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The status, or a failure that shows the whole answer: for steps that must succeed. */
    public ApiResponse expect(int expectedStatus) {
        if (status != expectedStatus) {
            throw new AssertionError("Expected " + expectedStatus + " from " + this);
        }
        return this;
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + contentType() + " "
                + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
    }
}
