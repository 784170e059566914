package dev.supportdesk.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listener against a real PostgreSQL: delivery, a killed session and a stop. */
class NotificationListenerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private NotificationListener listener;

    @BeforeAll
    static void startPostgres() throws Exception {
        // test-support builds on this module, so this suite starts its own server (loopback, random port)
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        dataSource = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopListener() {
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void handsEveryNotificationOfItsChannelToTheCallbackInOrder() throws SQLException {
        listener = started("test_updates");

        notify("test_updates", "first");
        notify("other_channel", "not for it");
        notify("test_updates", "second");

        await().atMost(PATIENCE).until(() -> received.size() >= 2);
        assertThat(received).containsExactly("first", "second");
    }

    @Test
    void reconnectsAfterItsSessionIsKilledAndKeepsDelivering() throws SQLException {
        listener = started("killed_updates");
        notify("killed_updates", "before");
        await().atMost(PATIENCE).until(() -> received.contains("before"));

        assertThat(terminateListeners("killed_updates")).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> !listener.listening());
        await().atMost(PATIENCE).until(listener::listening);

        notify("killed_updates", "after");
        await().atMost(PATIENCE).until(() -> received.contains("after"));
        assertThat(received).containsExactly("before", "after");
        assertThat(listeningSessions("killed_updates")).isEqualTo(1);
    }

    @Test
    void aCallbackThatThrowsLosesOnlyThatNotification() throws SQLException {
        listener = new NotificationListener(
                dataSource,
                "throwing_updates",
                payload -> {
                    if (payload.equals("bad")) {
                        throw new IllegalStateException("refused");
                    }
                    received.add(payload);
                },
                "throwing-updates");
        listener.start();
        await().atMost(PATIENCE).until(listener::listening);

        notify("throwing_updates", "bad");
        notify("throwing_updates", "good");

        await().atMost(PATIENCE).until(() -> received.contains("good"));
        assertThat(received).containsExactly("good");
        assertThat(listener.listening()).isTrue();
    }

    @Test
    void stopEndsTheThreadAndTheSession() throws SQLException {
        listener = started("stopped_updates");
        assertThat(listener.alive()).isTrue();

        listener.stop();

        assertThat(listener.alive()).isFalse();
        assertThat(listener.isRunning()).isFalse();
        assertThat(listener.listening()).isFalse();
        await().atMost(PATIENCE).until(() -> listeningSessions("stopped_updates") == 0);
        notify("stopped_updates", "too late");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesAChannelThatIsNotAnIdentifier() {
        assertThatThrownBy(() -> new NotificationListener(dataSource, "x; DROP TABLE t", received::add, "bad"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private NotificationListener started(String channel) throws SQLException {
        NotificationListener started =
                new NotificationListener(dataSource, channel, received::add, channel.replace('_', '-'));
        started.start();
        await().atMost(PATIENCE).until(started::listening);
        await().atMost(PATIENCE).until(() -> listeningSessions(channel) == 1);
        return started;
    }

    private static void notify(String channel, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, payload);
            statement.execute();
        }
    }

    /** Sessions whose last statement was this channel's LISTEN: the listener's own. */
    private static int listeningSessions(String channel) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE query = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, "LISTEN " + channel);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int terminateListeners(String channel) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                                + " WHERE query = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, "LISTEN " + channel);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
