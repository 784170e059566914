package dev.supportdesk.ticket.command.eventstore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Decides up to which position the event store is final: every position at or below {@link #advance} belongs
 * to a transaction that has ended, so no event at or below it can still appear. A reader that never passes this
 * horizon never skips a late commit, however late (a transaction held open for minutes, a storage stall), and
 * needs no gap timeout: a gap below the horizon is a rolled-back transaction's, for good.
 * <p>
 * Why it holds: a position is drawn only by a transaction that already has a transaction id
 * ({@code next_event_position()}). Read the sequence's last value L, then take a snapshot: every transaction that
 * drew a position up to L had its id before the snapshot, so its id is below the snapshot's xmax. Once a later
 * snapshot's xmin reaches that xmax, all of them have ended, and L is final. Normally that is the next call.
 * <p>
 * Not thread-safe; one per reader.
 */
public final class CommitHorizon {

    private static final int MAX_MARKS = 1000;

    /** Positions up to {@code last} are final once every transaction id below {@code xmax} has ended. */
    private record Mark(long last, long xmax) {
    }

    private final Deque<Mark> marks = new ArrayDeque<>();
    private long finalPosition;
    private long lastDrawn;

    /**
     * Takes a new mark and answers the highest position known to be final. Two statements on the caller's
     * connection, outside any transaction (each statement must see a fresh snapshot).
     */
    public long advance(JdbcOperations jdbc) {
        long last = jdbc.queryForObject(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM domain_event_entry_global_index_seq",
                Long.class);
        Map<String, Object> snapshot = jdbc.queryForMap("""
                SELECT pg_snapshot_xmin(s)::TEXT::BIGINT AS xmin, pg_snapshot_xmax(s)::TEXT::BIGINT AS xmax
                FROM pg_current_snapshot() AS s""");
        long xmin = ((Number) snapshot.get("xmin")).longValue();
        long xmax = ((Number) snapshot.get("xmax")).longValue();
        lastDrawn = last;
        Mark newest = marks.peekLast();
        if (newest != null && newest.xmax() == xmax) {
            marks.pollLast(); // no transaction id was handed out since: the newer last value replaces it
        }
        marks.addLast(new Mark(last, xmax));
        while (marks.size() > MAX_MARKS) {
            // Folding the oldest mark into the next one only waits longer for it: never unsafe.
            marks.pollFirst();
        }
        while (!marks.isEmpty() && marks.peekFirst().xmax() <= xmin) {
            finalPosition = Math.max(finalPosition, marks.pollFirst().last());
        }
        return finalPosition;
    }

    /** The sequence's last value seen by the last {@link #advance}: the highest position handed out so far. */
    public long lastDrawn() {
        return lastDrawn;
    }
}
