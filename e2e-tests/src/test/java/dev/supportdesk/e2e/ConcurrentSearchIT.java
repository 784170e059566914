package dev.supportdesk.e2e;

import static dev.supportdesk.e2e.Tickets.openRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight agents search the queue at the same time, through the edge, while tickets are being opened:
 * every search is answered (never the edge's 504 after waiting for ticket-query) and finds what it looks for.
 */
@EndToEnd
class ConcurrentSearchIT {

    private static final int SEARCHERS = 8;
    private static final int SEARCHES_EACH = 25;

    private final SupportDesk desk;

    ConcurrentSearchIT(SupportDesk desk) {
        this.desk = desk;
    }

    @Test
    void eightConcurrentSearchersAllGetTheirAnswer() throws Exception {
        ApiClient alice = desk.as("alice");
        String word = Tickets.uniqueWord("searchable");
        for (int i = 0; i < 20; i++) {
            alice.post(
                            "/api/tickets",
                            openRequest("Scanner " + word + " jam " + i, i % 2 == 0 ? "EMAIL" : "PHONE", "NORMAL"))
                    .expect(201);
        }
        String byWord = "/api/tickets?size=200&q=" + URLEncoder.encode(word, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(alice.get(byWord)
                                .expect(200)
                                .json()
                                .path("total")
                                .asInt())
                        .isEqualTo(20));

        ExecutorService pool = Executors.newFixedThreadPool(SEARCHERS + 1);
        try {
            // Writes keep the projection busy meanwhile, as on a working day.
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    desk.as("bob")
                            .post("/api/tickets", openRequest("Other work " + i, "WEB", "LOW"))
                            .expect(201);
                }
            });
            List<Future<List<String>>> searchers = new ArrayList<>();
            for (int s = 0; s < SEARCHERS; s++) {
                int searcher = s;
                searchers.add(pool.submit(() -> {
                    List<String> unexpected = new ArrayList<>();
                    ApiClient agent = desk.as(searcher % 2 == 0 ? "alice" : "tina");
                    for (int i = 0; i < SEARCHES_EACH; i++) {
                        String query = switch (i % 4) {
                            case 0 -> byWord;
                            case 1 -> byWord + "&channel=EMAIL";
                            case 2 -> "/api/tickets?q=" + URLEncoder.encode("jam " + (i % 10), StandardCharsets.UTF_8);
                            default -> "/api/tickets?q=nothing-matches-" + i + "&sort=-updatedAt";
                        };
                        ApiResponse answer = agent.get(query);
                        if (answer.status() != 200) {
                            unexpected.add(answer.toString());
                        } else if (i % 4 == 0 && answer.json().path("total").asInt() != 20) {
                            unexpected.add("expected 20 hits: " + answer);
                        } else if (i % 4 == 1 && answer.json().path("total").asInt() != 10) {
                            unexpected.add("expected 10 EMAIL hits: " + answer);
                        }
                    }
                    return unexpected;
                }));
            }
            List<String> unexpected = new ArrayList<>();
            for (Future<List<String>> searcher : searchers) {
                unexpected.addAll(searcher.get(5, TimeUnit.MINUTES));
            }
            writer.get(5, TimeUnit.MINUTES);

            assertThat(unexpected).as("answers other than the expected 200").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
