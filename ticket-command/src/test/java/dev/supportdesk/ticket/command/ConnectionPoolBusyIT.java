package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every connection of the service's pool in use for the pool's whole connection timeout, with the database up:
 * the command is answered 503 saying the service is overloaded, with a short Retry-After, not that the database
 * cannot be reached (DatabaseOutageIT has that case); once a connection is free again the same command succeeds.
 */
class ConnectionPoolBusyIT extends CommandApiTestSupport {

    @Autowired
    DataSource dataSource;

    @Test
    void aCommandThatFindsEveryConnectionInUseIsToldTheServiceIsBusyNotThatTheDatabaseIsAway() throws SQLException {
        String id = openTicket();
        String reply = "{\"body\":\"Are you still there?\",\"visibility\":\"INTERNAL\"}";
        long rows = eventRows();
        List<Connection> held = new ArrayList<>();
        Answer answer;
        try {
            holdEveryConnection(dataSource.unwrap(HikariDataSource.class), held);
            answer = post("/api/tickets/" + id + "/replies", reply).as("alice").send();
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(held).isNotEmpty();
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.json().get("detail").asText()).contains("overloaded, not down");
        assertThat(answer.body()).doesNotContain("Exception", "Hikari", "cannot be reached");
        assertThat(eventRows()).isEqualTo(rows);

        Answer retried =
                post("/api/tickets/" + id + "/replies", reply).as("alice").send();
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    }

    /** Takes connections until the pool has none left to give: the pool's timeout answers the last attempt. */
    private static void holdEveryConnection(HikariDataSource pool, List<Connection> held) throws SQLException {
        for (int i = 0; i <= pool.getMaximumPoolSize(); i++) {
            try {
                held.add(pool.getConnection());
            } catch (SQLTransientConnectionException exhausted) {
                return;
            }
        }
        throw new IllegalStateException(
                "the pool gave more connections than its maximum of " + pool.getMaximumPoolSize());
    }
}
