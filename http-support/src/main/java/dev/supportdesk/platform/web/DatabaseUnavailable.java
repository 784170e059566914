package dev.supportdesk.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells whether a failure means "the database cannot be reached right now", however deeply it is wrapped
 * (Spring's data access and transaction exceptions, Axon's EventStoreException or
 * CommandExecutionException, the connection pool's timeout, the driver's own exception). Such a request
 * is answered 503 with {@code Retry-After}, never 500: the client did nothing wrong and may retry.
 * <p>
 * Spring's types are matched by name so that this module needs no data-access library.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying; connections are retried by the pool meanwhile. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Set<String> SPRING_TYPES = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.dao.RecoverableDataAccessException");

    private DatabaseUnavailable() {}

    /** True when the failure or anything in its cause chain is a lost or unobtainable database connection. */
    public static boolean isCause(Throwable failure) {
        return anyInChain(failure, DatabaseUnavailable::connectionFailure);
    }

    /**
     * True when the failure is the connection pool's timeout while the database itself answers: every connection
     * was in use for the pool's whole {@code connection-timeout}. HikariCP then has no failed connection attempt to
     * give as the timeout's cause; while the database is away it gives the attempt's failure. An overload, not an
     * outage: such a request is answered 503 with {@link #BUSY_RETRY_AFTER_SECONDS}.
     */
    public static boolean allConnectionsBusy(Throwable failure) {
        return anyInChain(
                failure,
                t -> t instanceof SQLTransientConnectionException timeout
                        && timeout.getCause() == null
                        && timeout.getNextException() == null
                        && timeout.getMessage() != null
                        && timeout.getMessage().contains("Connection is not available, request timed out"));
    }

    /** Seconds a client should wait after every connection was in use: the pool frees one with each answer. */
    public static final int BUSY_RETRY_AFTER_SECONDS = 1;

    private static boolean connectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || closedUnderneath(sql))) {
            return true;
        }
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (SPRING_TYPES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure or anything behind it (causes, next exceptions, replaced application exceptions) matches. */
    private static boolean anyInChain(Throwable failure, Predicate<Throwable> matches) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (matches.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            Throwable replaced = applicationException(t);
            if (replaced != null) {
                pending.add(replaced);
            }
        }
        return false;
    }

    /**
     * Once the driver reports a lost connection, the pool closes it; every later call on it, the
     * rollback included, fails with "Connection is closed" and no SQLState, thrown by the pool's proxy.
     */
    private static boolean closedUnderneath(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getSQLState() == null
                && trace.length > 0
                && trace[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
    }

    /**
     * A rollback on a connection the server has just closed fails too, and Spring's transaction code then
     * throws that failure ("Connection is closed", with no SQLState) in place of the one that explains it,
     * which it keeps as the application exception.
     */
    private static Throwable applicationException(Throwable t) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("org.springframework.transaction.TransactionSystemException")) {
                try {
                    return (Throwable) type.getMethod("getApplicationException").invoke(t);
                } catch (ReflectiveOperationException | ClassCastException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * SQLState class 08 (connection exception) and PostgreSQL's 57P01 admin shutdown, 57P02 crash shutdown
     * and 57P03 cannot connect now (starting up or shutting down).
     */
    static boolean connectionState(String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
