package dev.supportdesk.platform.consumer;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that goes away by itself (the database is unreachable or restarting, a deadlock, a
 * serialization conflict) from one that an event causes every time it is applied. The first kind is retried
 * with the whole batch and never parks anything: a database outage must not park every event that arrives
 * during it. The second kind parks the event.
 */
final class Failures {

    /** SQLState classes and codes that say "try again": connection (08), resources (53), shutdown (57P0x). */
    private static final Set<String> TRANSIENT_STATES =
            Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03", "57014");

    private Failures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** One line for logs and the parked list: the innermost message, without stack traces. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root != failure) {
            message = failure.getClass().getSimpleName() + " (" + message + ")";
        }
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }
}
