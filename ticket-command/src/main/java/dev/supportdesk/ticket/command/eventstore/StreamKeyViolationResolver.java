package dev.supportdesk.ticket.command.eventstore;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Tells Axon that an append failed because another transaction appended the same version of the same
 * stream first: PostgreSQL's unique violation (SQLState 23505) on the stream key
 * {@code domain_event_entry_stream (aggregate_identifier, sequence_number)}. Axon then throws a
 * {@code ConcurrencyException}, which the command side retries on the latest version. Axon's own
 * {@code JdbcSQLErrorCodesResolver} looks for {@code SQLIntegrityConstraintViolationException}, which pgjdbc
 * never throws, so without this every concurrent append was an {@code EventStoreException} (a 500). Any
 * other unique violation (a reused event identifier, say) is a defect, not a race, and stays one.
 */
final class StreamKeyViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";
    /** The stream key's name in the Flyway migration V1__event_store.sql. */
    static final String STREAM_KEY = "domain_event_entry_stream";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        // Axon appends in a JDBC batch: pgjdbc reports a BatchUpdateException whose next exception is the
        // server's error, so both the cause chain and the next-exception chain are searched.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(exception);
        while (!pending.isEmpty()) {
            Throwable failure = pending.poll();
            if (!seen.add(failure)) {
                continue;
            }
            if (failure instanceof SQLException sql) {
                if (UNIQUE_VIOLATION.equals(sql.getSQLState()) && onStreamKey(sql)) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (failure.getCause() != null) {
                pending.add(failure.getCause());
            }
        }
        return false;
    }

    private static boolean onStreamKey(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getConstraint() != null) {
                return STREAM_KEY.equals(server.getConstraint());
            }
        }
        // A batch exception carries the server's text but not its fields; the constraint's name is in it
        // in every server language.
        return sql.getMessage() != null && sql.getMessage().contains(STREAM_KEY);
    }
}
