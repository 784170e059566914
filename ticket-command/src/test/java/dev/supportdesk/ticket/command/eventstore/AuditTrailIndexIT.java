package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.supportdesk.testing.TestPostgres;
import dev.supportdesk.ticket.command.eventstore.AuditTrail.Entry;
import dev.supportdesk.ticket.command.eventstore.AuditTrail.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit list's filters read their indexes (migration V5), not the whole event table: over 40,000 events
 * seeded through the chain's trigger, PostgreSQL's plan of each filtered count and page names the filter's
 * index, and paging through a filter answers each matching event once, in position order.
 */
class AuditTrailIndexIT {

    private static final int EVENTS = 40_000;
    private static final int STREAMS = 1_000;
    /** One event in this many is by the rare actor, and one (another) of the rare type. */
    private static final int RARE = 400;

    private static JdbcTemplate jdbc;
    private static AuditTrail trail;

    @BeforeAll
    static void seed() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD);
        dataSource.setSchema("ticket_command");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("ticket_command")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        // Streams interleaved in position order, each a real chain: one second apart from 2026-01-01.
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                SELECT 'e-' || i, 'T-' || (i % ?), i / ?, 'Ticket',
                       to_char((TIMESTAMPTZ '2026-01-01T00:00:00Z' + i * INTERVAL '1 second') AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       'dev.supportdesk.contract.events.'
                           || CASE WHEN i % ? = 7 THEN 'TicketEscalatedEvent' ELSE 'InternalNoteAddedEvent' END,
                       '1',
                       convert_to('{"ticketId":"T-' || (i % ?) || '","body":"seeded"}', 'UTF8'),
                       convert_to('{"actor":"' || CASE WHEN i % ? = 3 THEN 'rare' ELSE 'agent' || (i % 10) END
                                  || '","actorRole":"AGENT","source":"API"}', 'UTF8')
                FROM generate_series(0, ? - 1) AS i ORDER BY i""", STREAMS, STREAMS, RARE, STREAMS, RARE, EVENTS);
        jdbc.execute("ANALYZE domain_event_entry");
        trail = new AuditTrail(jdbc, new ObjectMapper(), new GlobalFeed(jdbc));
    }

    private static Filter actor(String actor) {
        return new Filter(actor, null, null, null, null);
    }

    private static Filter stream(String id) {
        return new Filter(null, id, null, null, null);
    }

    private static Filter type(String type) {
        return new Filter(null, null, type, null, null);
    }

    /** Ten minutes of the seeded hour, 600 events. */
    private static Filter window() {
        return new Filter(
                null, null, null, Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T01:10:00Z"));
    }

    @Test
    void eachFilteredQueryReadsTheFiltersIndex() {
        assertPlansUse(actor("rare"), "domain_event_entry_audit_actor");
        assertPlansUse(type("TicketEscalatedEvent"), "domain_event_entry_audit_type");
        assertPlansUse(window(), "domain_event_entry_audit_time");
        assertPlansUse(stream("T-42"), "domain_event_entry_stream");
    }

    private static void assertPlansUse(Filter filter, String index) {
        AuditTrail.Query query = AuditTrail.query(filter, CommitHorizon.lastDrawn(jdbc));
        String count = plan(query.count(), query.arguments().toArray());
        String page = plan(query.page(), query.pageArguments(2, 50));
        assertThat(count).as(filter + " count").contains(index).doesNotContain("Seq Scan");
        assertThat(page).as(filter + " page").contains(index).doesNotContain("Seq Scan");
    }

    private static String plan(String sql, Object[] arguments) {
        return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, arguments));
    }

    @Test
    void eachFilterFindsExactlyItsEventsAndPagesThroughThemOnceInPositionOrder() {
        assertPagesAreExactly(actor("rare"), "audit_actor(meta_data) = 'rare'", 100);
        assertPagesAreExactly(type("TicketEscalatedEvent"), "payload_type LIKE '%.TicketEscalatedEvent'", 100);
        assertPagesAreExactly(
                window(),
                "time_stamp::timestamptz >= '2026-01-01T01:00:00Z' AND time_stamp::timestamptz < '2026-01-01T01:10:00Z'",
                600);
        assertPagesAreExactly(stream("T-42"), "aggregate_identifier = 'T-42'", EVENTS / STREAMS);
        assertPagesAreExactly(
                new Filter("rare", null, null, Instant.parse("2026-01-01T02:00:00Z"), null),
                "audit_actor(meta_data) = 'rare' AND time_stamp::timestamptz >= '2026-01-01T02:00:00Z'",
                82);
    }

    private static void assertPagesAreExactly(Filter filter, String plainCondition, int expected) {
        List<Long> matching = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE " + plainCondition + " ORDER BY global_index",
                Long.class);
        assertThat(matching).as(plainCondition).hasSize(expected);
        List<Long> paged = new ArrayList<>();
        for (int page = 0; ; page++) {
            AuditTrail.Page answer = trail.search(filter, page, 30);
            assertThat(answer.total()).as(filter + " total").isEqualTo(expected);
            if (answer.entries().isEmpty()) {
                break;
            }
            answer.entries().stream().map(Entry::position).forEach(paged::add);
        }
        assertThat(paged).as(filter + " pages").isEqualTo(matching);
    }
}
