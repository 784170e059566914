package dev.supportdesk.ticket.command.eventstore;

import dev.supportdesk.platform.kafka.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global event feed ({@code GET /api/events}): every stream of the store in position order, served only up to
 * the {@link CommitHorizon}, the position at or below which every transaction has ended. A position above it may
 * still be filled by a transaction that commits late; served past, it would be skipped by a reader that pages with
 * {@code after}. Below it, the set of events never changes again, so a reader sees each event exactly once, in
 * commit order, however late any of them committed. It is the mechanism the outbox uses (docs/reliability.md).
 * <p>
 * One horizon for the whole service: it keeps the marks it took for earlier requests, so a later request settles
 * what an earlier one could not yet. Each request takes a new mark (a few statements outside any transaction) and
 * waits, up to {@link #PATIENCE}, for the transactions running then to end: so every answer, the first after a
 * start included, holds what had committed before it was asked (unless a transaction runs longer than that).
 */
@Component
public class GlobalFeed {

    /** Rows read per statement while streaming a page: bounded memory whatever the page size. */
    private static final int CHUNK = 500;

    /**
     * How long a request waits for the transactions running at its mark: commands and consumer batches take
     * milliseconds; a longer one (a migration, a bulk load on the same server) holds back only one wait.
     */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final EventFeed feed = new EventFeed();
    private final CommitHorizon horizon = new CommitHorizon(PATIENCE);

    GlobalFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The highest position a page may serve now: every transaction at or below it has ended. */
    public synchronized long horizon() {
        return horizon.advance(jdbc);
    }

    /** Events with {@code after < position <= upTo}, in position order, at most {@code limit}. */
    public List<EventEnvelope> page(long after, long upTo, int limit) {
        return feed.read(jdbc, after, upTo, limit);
    }

    /**
     * The position of the last event {@link #page} would answer, or {@code after} when it would answer none: known
     * before a page is streamed, since nothing at or below {@code upTo} changes any more.
     */
    public long lastPosition(long after, long upTo, int limit) {
        Long last = jdbc.queryForObject("""
                        SELECT max(global_index) FROM (
                            SELECT global_index FROM domain_event_entry
                            WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?) page""", Long.class, after, upTo, limit);
        return last == null ? after : last;
    }

    /** What {@link #page} answers, handed over one event at a time, read {@value #CHUNK} rows per statement. */
    public void stream(long after, long upTo, int limit, Consumer<EventEnvelope> each) {
        long from = after;
        int left = limit;
        while (left > 0) {
            List<EventEnvelope> chunk = feed.read(jdbc, from, upTo, Math.min(CHUNK, left));
            chunk.forEach(each);
            if (chunk.size() < Math.min(CHUNK, left)) {
                return;
            }
            left -= chunk.size();
            from = chunk.get(chunk.size() - 1).position();
        }
    }
}
