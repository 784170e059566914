package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUnavailableTest {

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"})
    void recognisesConnectionStatesDeepInACauseChain(String state) {
        Throwable driver = new SQLException("backend gone", state);
        Throwable wrapped = new RuntimeException("command failed", new IllegalStateException("store failed", driver));

        assertThat(DatabaseUnavailable.isCause(wrapped)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "40P01", "42P01", "22021", "57014"})
    void leavesOtherDatabaseErrorsAlone(String state) {
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("no", state))))
                .isFalse();
    }

    @Test
    void recognisesThePoolTimingOut() {
        assertThat(DatabaseUnavailable.isCause(new SQLTransientConnectionException("Connection is not available")))
                .isTrue();
    }

    @Test
    void tellsAPoolWhoseConnectionsAreAllInUseFromAPoolThatCannotConnect() {
        String timedOut = "HikariPool-1 - Connection is not available, request timed out after 3001ms "
                + "(total=10, active=10, idle=0, waiting=54)";
        Throwable busy = new RuntimeException("command failed", new SQLTransientConnectionException(timedOut));
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        SQLTransientConnectionException away = new SQLTransientConnectionException(timedOut, refused);
        away.setNextException(refused);

        assertThat(DatabaseUnavailable.isCause(busy)).isTrue();
        assertThat(DatabaseUnavailable.allConnectionsBusy(busy)).isTrue();
        assertThat(DatabaseUnavailable.isCause(away)).isTrue();
        assertThat(DatabaseUnavailable.allConnectionsBusy(new RuntimeException(away)))
                .isFalse();
        assertThat(DatabaseUnavailable.allConnectionsBusy(new SQLException("backend gone", "08006")))
                .isFalse();
    }

    @Test
    void followsTheNextExceptionOfABatch() {
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("I/O error", "08006"));

        assertThat(DatabaseUnavailable.isCause(batch)).isTrue();
    }

    @Test
    void recognisesSpringsDataAccessTypesByName() {
        assertThat(DatabaseUnavailable.isCause(new org.springframework.dao.DataAccessResourceFailureException("down")))
                .isTrue();
    }

    @Test
    void looksBehindAFailedRollbackAtTheFailureItReplaced() {
        org.springframework.transaction.TransactionSystemException rollbackFailed =
                new org.springframework.transaction.TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(
                new RuntimeException(new SQLException("terminating connection", "57P01")));

        assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isTrue();
        assertThat(DatabaseUnavailable.isCause(new org.springframework.transaction.TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .isFalse();
    }

    @Test
    void recognisesTheClosedConnectionOfThePoolAfterTheDriverLostIt() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "invoke", null, -1)
        });

        assertThat(DatabaseUnavailable.isCause(new RuntimeException(closed))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new SQLException("Connection is closed")))
                .isFalse();
    }

    @Test
    void leavesOrdinaryFailuresAlone() {
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(new IOException("disk"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new SQLIntegrityConstraintViolationException("dup", "23505")))
                .isFalse();
    }

    @Test
    void survivesACauseCycle() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(DatabaseUnavailable.isCause(a)).isFalse();
    }
}
