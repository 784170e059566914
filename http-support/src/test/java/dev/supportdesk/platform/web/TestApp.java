package dev.supportdesk.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service with nothing but this module, as the edge has it (no Spring Security): one endpoint that
 * binds every kind of field a request body can have, and endpoints that fail the ways a real one can.
 */
@SpringBootApplication(
        exclude = {
            SecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
class TestApp {

    enum Kind {
        PHONE,
        EMAIL
    }

    record Inner(@NotBlank String name, String email) {}

    record Everything(
            @NotBlank @Size(max = 80) String name,
            Kind kind,
            int count,
            long big,
            boolean flag,
            double ratio,
            Integer optionalCount,
            Instant at,
            Duration pause,
            List<String> tags,
            @Valid Inner inner,
            Map<String, String> labels) {}

    @RestController
    static class Endpoints {

        @PostMapping("/api/things")
        Everything create(@Valid @RequestBody Everything request) {
            return request;
        }

        @GetMapping("/api/things/{id}")
        Map<String, String> find(@PathVariable String id, @RequestParam(required = false) String q) {
            return Map.of("id", id, "q", q == null ? "" : q);
        }

        @GetMapping("/api/database-down")
        String databaseDown() {
            // As a pool that cannot get a connection reports it, wrapped as a framework would.
            throw new IllegalStateException(
                    "command failed",
                    new SQLTransientConnectionException(
                            "pool - Connection is not available",
                            "08001",
                            new SQLException("Connection refused", "08001")));
        }

        @GetMapping("/api/bare")
        void bare(HttpServletResponse response) {
            // A refusal as some handlers make it: a status, no body.
            response.setStatus(409);
        }

        @GetMapping("/api/boom")
        String boom() {
            throw new IllegalStateException("secret inner detail");
        }
    }
}
