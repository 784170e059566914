package dev.supportdesk.ticket.command.eventstore;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Decides up to which position the event store is final: every position at or below {@link #advance} belongs
 * to a transaction that has ended, so no event at or below it can still appear. A position below it that holds
 * no event belongs to a rolled-back transaction, for good; no timeout is needed to know it.
 * <p>
 * Why it holds: a position is drawn only by a transaction that already has a transaction id
 * ({@code next_event_position()}). Read the sequence's last value L, then take a transaction id of one's own,
 * X: ids are handed out in order, so every transaction that drew a position up to L has an id below X. Once a
 * snapshot's xmin is above X, all of them have ended, and L is final. (A snapshot's xmax would not do: it is one
 * past the highest id that has <em>completed</em>, so a transaction that just took its id may be above it.)
 * <p>
 * A mark settles once the transactions that were running when it was taken have ended: usually at once, but
 * xids are the whole PostgreSQL server's, so a write of any database on it may be running. A horizon with
 * <em>patience</em> then waits, at most that long, for them to end before it answers, so that its answer holds
 * everything committed before it was asked, its first answer included (it has no earlier mark to settle). A
 * transaction that outlasts one whole wait is not waited for again while it stays the oldest one running: every
 * later mark waits on it too, so waiting again would only slow every answer down. Waiting never decides what is
 * final, the xmin does; a wait that runs out answers what has settled so far, as a horizon without patience does.
 * <p>
 * Not thread-safe; one per reader.
 */
public final class CommitHorizon {

    private static final int MAX_MARKS = 1000;
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    /** Positions up to {@code last} are final once every transaction id up to {@code xid} has ended. */
    private record Mark(long last, long xid) {}

    private final Deque<Mark> marks = new ArrayDeque<>();
    private final long patienceNanos;
    private long finalPosition;
    /** The oldest running transaction id when a wait last ran out; 0 when none did. */
    private long outlasted;

    /** A horizon that never waits: each answer settles the marks whose transactions have ended by then. */
    public CommitHorizon() {
        this(Duration.ZERO);
    }

    /** A horizon that waits up to {@code patience} for the transactions running at its newest mark to end. */
    public CommitHorizon(Duration patience) {
        if (patience.isNegative()) {
            throw new IllegalArgumentException("patience must not be negative: " + patience);
        }
        this.patienceNanos = patience.toNanos();
    }

    /**
     * Takes a new mark and answers the highest position known to be final, after waiting (within the patience)
     * for the mark to settle when positions were drawn beyond what is final. A few statements on the caller's
     * connection, which must be in auto-commit mode: each must see a fresh snapshot, and the transaction id
     * taken here must have ended before the snapshot that settles it.
     */
    public long advance(JdbcOperations jdbc) {
        long last = lastDrawn(jdbc);
        long xid = ownTransactionId(jdbc);
        long xmin = xmin(jdbc);
        marks.addLast(new Mark(last, xid));
        while (marks.size() > MAX_MARKS) {
            // Dropping the oldest mark only waits for a later one: never unsafe.
            marks.pollFirst();
        }
        settle(xmin);
        if (patienceNanos > 0 && last > finalPosition) {
            settle(awaitEnd(jdbc, xid, xmin));
        }
        return finalPosition;
    }

    private void settle(long xmin) {
        while (!marks.isEmpty() && marks.peekFirst().xid() < xmin) {
            finalPosition = Math.max(finalPosition, marks.pollFirst().last());
        }
    }

    /**
     * Polls the xmin, with pauses growing from 1 to 20 ms, until it is above {@code xid} or the patience runs out;
     * answers the last xmin read. Not at all while the oldest running transaction is one that outlasted a wait.
     */
    private long awaitEnd(JdbcOperations jdbc, long xid, long xmin) {
        if (xmin == outlasted) {
            return xmin;
        }
        long started = System.nanoTime();
        long pause = FIRST_PAUSE_NANOS;
        while (xmin <= xid) {
            if (System.nanoTime() - started >= patienceNanos) {
                outlasted = xmin;
                return xmin;
            }
            try {
                Thread.sleep(Duration.ofNanos(pause).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return xmin;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            xmin = xmin(jdbc);
        }
        return xmin;
    }

    /** The oldest transaction id still running on the server (the next one to be handed out when none is). */
    private static long xmin(JdbcOperations jdbc) {
        return jdbc.queryForObject("SELECT pg_snapshot_xmin(pg_current_snapshot())::TEXT::BIGINT", Long.class);
    }

    /** The highest position handed out so far (the sequence's last value); no transaction id needed. */
    public static long lastDrawn(JdbcOperations jdbc) {
        return jdbc.queryForObject(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM domain_event_entry_global_index_seq",
                Long.class);
    }

    /**
     * A transaction id handed out now, in a transaction of its own that writes nothing. Its commit need not
     * wait for the disk: were it lost in a crash, the id would count as rolled back, which changes nothing.
     */
    private static long ownTransactionId(JdbcOperations jdbc) {
        return jdbc.execute((ConnectionCallback<Long>) connection -> {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
                long xid;
                try (ResultSet rows = statement.executeQuery("SELECT pg_current_xact_id()::TEXT::BIGINT")) {
                    rows.next();
                    xid = rows.getLong(1);
                }
                connection.commit();
                return xid;
            } catch (RuntimeException | java.sql.SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }
}
