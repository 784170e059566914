package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST /api/tickets: one ticket per key and caller, whatever the retries. */
class IdempotencyIT extends CommandApiTestSupport {

    private static final String BODY = """
            {"subject":"VPN down","channel":"CHAT","priority":"URGENT","requester":{"name":"Dora"},"tags":["vpn"]}""";
    /** The same JSON, written differently: other field order and spacing. */
    private static final String SAME_JSON = """
            { "requester" : { "name" : "Dora" }, "tags" : [ "vpn" ], "priority" : "URGENT",
              "channel" : "CHAT", "subject" : "VPN down" }""";

    @Test
    void aRetryWithTheSameKeyAndJsonGetsTheFirstAnswerAndOpensNoSecondTicket() {
        String key = UUID.randomUUID().toString();
        Answer first = post("/api/tickets", BODY)
                .as("alice")
                .header("Idempotency-Key", key)
                .send();
        assertThat(first.status()).isEqualTo(201);
        long rows = eventRows();

        Answer retry = post("/api/tickets", SAME_JSON)
                .as("alice")
                .header("Idempotency-Key", key)
                .send();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(eventRows()).isEqualTo(rows);
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/tickets", BODY)
                        .as("alice")
                        .header("Idempotency-Key", key)
                        .send()
                        .status())
                .isEqualTo(201);
        long rows = eventRows();
        Answer other = post("/api/tickets", BODY.replace("VPN down", "VPN slow"))
                .as("alice")
                .header("Idempotency-Key", key)
                .send();
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventRows()).isEqualTo(rows);
    }

    @Test
    void theKeyIsScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        Answer alices = post("/api/tickets", BODY)
                .as("alice")
                .header("Idempotency-Key", key)
                .send();
        Answer bobs = post("/api/tickets", BODY)
                .as("bob")
                .header("Idempotency-Key", key)
                .send();
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().get("id")).isNotEqualTo(alices.json().get("id"));
    }

    @Test
    void concurrentDuplicatesOpenOneTicket() throws Exception {
        String key = UUID.randomUUID().toString();
        long rows = eventRows();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Answer> attempt = () -> post("/api/tickets", BODY)
                    .as("bob")
                    .header("Idempotency-Key", key)
                    .send();
            List<Future<Answer>> answers = pool.invokeAll(List.of(attempt, attempt, attempt, attempt));
            String id = null;
            for (Future<Answer> future : answers) {
                Answer answer = future.get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(201);
                if (id == null) {
                    id = answer.json().get("id").asText();
                }
                assertThat(answer.json().get("id").asText()).isEqualTo(id);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventRows()).isEqualTo(rows + 3); // one ticket: opened and its two clocks
    }

    @Test
    void anOverlongKeyIsABadRequest() {
        long rows = eventRows();
        Answer answer = post("/api/tickets", BODY)
                .as("alice")
                .header("Idempotency-Key", "k".repeat(201))
                .send();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(eventRows()).isEqualTo(rows);
    }
}
