package dev.supportdesk.ticket.command.publishing;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * How far the outbox got: every position up to {@link #readUpTo()} has been published except the {@link #gaps()}
 * (positions handed out to transactions that had not committed when it read past them). A gap is published
 * when its transaction commits, and dropped only once the {@link dev.supportdesk.ticket.command.eventstore.CommitHorizon}
 * has passed it without the event appearing: its transaction rolled back. No timeout ever drops one. Events
 * after a gap flow on meanwhile; a stream's own events stay in order, because a ticket's next event can only
 * be stored after its previous one committed.
 * <p>
 * {@link #contiguous()}, below the first gap, is what is stored: a restart reads again from there, and what it
 * sends again is a duplicate that consumers skip.
 */
final class OutboxProgress {

    private long readUpTo;
    private final NavigableSet<Long> gaps = new TreeSet<>();

    OutboxProgress(long start) {
        this.readUpTo = start;
    }

    long readUpTo() {
        return readUpTo;
    }

    List<Long> gaps() {
        return List.copyOf(gaps);
    }

    /** Everything up to here is published or will never exist. */
    long contiguous() {
        return gaps.isEmpty() ? readUpTo : gaps.first() - 1;
    }

    /**
     * Records a batch that Kafka acknowledged.
     *
     * @param gapsFound the gaps that turned out committed (read and published now)
     * @param newRead   positions read after {@link #readUpTo()}, in order, all published now
     * @param horizon   every position up to here is final: a gap at or below it that was not found never will be
     */
    void published(List<Long> gapsFound, List<Long> newRead, long horizon) {
        gaps.removeAll(gapsFound);
        long previous = readUpTo;
        for (long position : newRead) {
            for (long missing = previous + 1; missing < position; missing++) {
                if (missing > horizon) {
                    gaps.add(missing);
                }
            }
            previous = position;
        }
        readUpTo = previous;
        gaps.headSet(horizon, true).clear();
    }

    /** No event was read: only the horizon moved. */
    void settled(long horizon) {
        gaps.headSet(horizon, true).clear();
    }
}
