package dev.supportdesk.ticket.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.model.view.SlaState;
import dev.supportdesk.testing.TestPostgres;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The queue's queries over 60,000 tickets in a real PostgreSQL with the service's migrations: for every filter of
 * the API and each sort, the first page a filtered search reads comes from an index and its count can be answered
 * from one, and the unfiltered first page of each sort reads its rows in index order. Plans, not times, are
 * asserted.
 */
class QueueIndexIT {

    private static final int TICKETS = 60_000;
    private static final String INDEX = "Index (Only )?Scan|Bitmap Index Scan";
    private static final String DATABASE = TestPostgres.newDatabase();

    /** A query the table ran, with its plan as the planner chose it and its plan with sequential scans ruled out. */
    record Explained(String sql, String plan, String indexPlan) {}

    /** A JdbcTemplate that asks PostgreSQL for the plans of each query before running it, with the same parameters. */
    static final class ExplainingJdbcTemplate extends JdbcTemplate {

        final List<Explained> plans = new ArrayList<>();

        ExplainingJdbcTemplate(DriverManagerDataSource dataSource) {
            super(dataSource);
        }

        @Override
        public <T> List<T> query(PreparedStatementCreator creator, RowMapper<T> mapper) throws DataAccessException {
            if (creator instanceof SqlProvider provider && creator instanceof PreparedStatementSetter setter) {
                String sql = provider.getSql();
                plans.add(new Explained(sql, explain(sql, setter, false), explain(sql, setter, true)));
            }
            return super.query(creator, mapper);
        }

        private String explain(String sql, PreparedStatementSetter setter, boolean withoutSeqScan) {
            return execute((java.sql.Connection connection) -> {
                try (java.sql.Statement settings = connection.createStatement()) {
                    settings.execute("SET enable_seqscan = " + (withoutSeqScan ? "off" : "on"));
                }
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                    setter.setValues(explain);
                    StringBuilder text = new StringBuilder();
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            text.append(rows.getString(1)).append('\n');
                        }
                    }
                    return text.toString();
                }
            });
        }
    }

    private static ExplainingJdbcTemplate jdbc;
    private static TicketTable table;

    @BeforeAll
    static void seed() {
        Flyway.configure()
                .dataSource(DATABASE, TestPostgres.USER, TestPostgres.PASSWORD)
                .schemas("ticket_query")
                .defaultSchema("ticket_query")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                DATABASE + "?currentSchema=ticket_query", TestPostgres.USER, TestPostgres.PASSWORD);
        jdbc = new ExplainingJdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO ticket (id, version, subject, description, status, priority, priority_rank, channel,
                    assignee, group_name, requester_name, requester_email, tags, created_at, updated_at, sla_state,
                    due_at, sla_clocks)
                SELECT 'T-' || lpad(n::text, 6, '0'), 2, 'Printer error ' || n, 'The printer on floor ' || (n % 9)
                        || ' shows an error after the update, case ' || n,
                    (ARRAY['NEW','OPEN','OPEN','PENDING','RESOLVED','CLOSED','CLOSED','CLOSED'])[1 + n % 8],
                    (ARRAY['LOW','NORMAL','NORMAL','HIGH','URGENT'])[1 + n % 5], (ARRAY[0,1,1,2,3])[1 + n % 5],
                    (ARRAY['PHONE','EMAIL','CHAT','WEB','MESSENGER','API'])[1 + n % 6],
                    (ARRAY['alice','bob','tina','sam',NULL,NULL,NULL])[1 + n % 7], (ARRAY['tier1','tier2',NULL])[1 + n % 3],
                    'Requester ' || n, 'requester' || n || '@example.com', ARRAY['seed', 'topic-' || (n % 40)],
                    now() - n * interval '1 minute', now() - n * interval '20 seconds',
                    CASE WHEN n % 8 >= 4 THEN 'MET' ELSE (ARRAY['ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK','ON_TRACK',
                        'AT_RISK','BREACHED'])[1 + n % 7] END,
                    CASE WHEN n % 8 >= 4 THEN NULL ELSE now() + (n % 3000) * interval '1 minute' END,
                    '{}'::jsonb
                FROM generate_series(1, ?) AS n""", TICKETS);
        // What autovacuum does on a live read model: statistics for the planner, the visibility map for index-only
        // scans.
        jdbc.execute("VACUUM ANALYZE ticket");
        table = new TicketTable(jdbc);
    }

    /** Every filter of GET /api/tickets (docs/api.md), each alone, and the combination of an agent's own queue. */
    private static Map<String, TicketTable.Filter> filters() {
        return Map.ofEntries(
                Map.entry("status", filter().statuses(Set.of(TicketStatus.OPEN)).build()),
                Map.entry(
                        "status, three of them",
                        filter().statuses(Set.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING))
                                .build()),
                Map.entry("assignee", filter().assignee("bob").build()),
                Map.entry("assignee none", filter().unassigned().build()),
                Map.entry("group", filter().group("tier2").build()),
                Map.entry(
                        "priority", filter().priorities(Set.of(Priority.URGENT)).build()),
                Map.entry("channel", filter().channels(Set.of(Channel.EMAIL)).build()),
                Map.entry("tag", filter().tag("topic-7").build()),
                Map.entry("text", filter().text("requester4711@").build()),
                Map.entry("sla", filter().slaStates(Set.of(SlaState.AT_RISK)).build()),
                Map.entry(
                        "sla breached",
                        filter().slaStates(Set.of(SlaState.BREACHED)).build()),
                Map.entry(
                        "my open and pending tickets",
                        filter().statuses(Set.of(TicketStatus.OPEN, TicketStatus.PENDING))
                                .assignee("alice")
                                .build()));
    }

    /**
     * The page, the query the first screen waits for, reads an index as the planner chooses; the count is answerable
     * from an index too (asked with sequential scans ruled out: for a filter that matches a third of the tickets the
     * planner may rightly count by reading the table, and without an index it has nothing else).
     */
    @Test
    void everyFilteredQueueQueryReadsAnIndexForEverySort() {
        for (Map.Entry<String, TicketTable.Filter> filter : filters().entrySet()) {
            for (TicketTable.Order order : TicketTable.Order.values()) {
                jdbc.plans.clear();
                TicketTable.Page page = table.search(filter.getValue(), order, 0, 25);
                assertThat(page.total())
                        .as("%s matches seeded rows", filter.getKey())
                        .isPositive();
                assertThat(jdbc.plans)
                        .as("%s, %s: the count and the page", filter.getKey(), order)
                        .hasSize(2);
                Explained count = jdbc.plans.get(0);
                Explained first = jdbc.plans.get(1);
                assertThat(count.sql()).startsWith("SELECT COUNT(*)");
                // An index whose condition is the filter, not any index read whole with the filter applied to every
                // row.
                assertThat(count.indexPlan())
                        .as("%s, %s: %s", filter.getKey(), order, count.sql())
                        .containsPattern(INDEX)
                        .contains("Index Cond")
                        .doesNotContain("Seq Scan");
                assertThat(first.plan())
                        .as("%s, %s: %s", filter.getKey(), order, first.sql())
                        .containsPattern(INDEX)
                        .doesNotContain("Seq Scan");
            }
        }
    }

    /**
     * A search for one requester, whose trigrams ("req", "ues", ...) every row shares but for the last few: the
     * planner itself, sequential scans allowed, counts and pages it from the trigram index. With one ILIKE per
     * column it read the whole table for the count (migration V9).
     */
    @Test
    void aSelectiveTextSearchIsCountedFromTheIndexAsThePlannerChooses() {
        jdbc.plans.clear();
        TicketTable.Page page = table.search(filter().text("requester4711").build(), TicketTable.Order.DUE_AT, 0, 25);
        assertThat(page.total()).isEqualTo(11); // 4711 and 47110 to 47119
        assertThat(jdbc.plans).hasSize(2);
        for (Explained plan : jdbc.plans) {
            assertThat(plan.plan())
                    .as(plan.sql())
                    .contains("ticket_search_text_idx")
                    .doesNotContain("Seq Scan");
        }
    }

    @Test
    void theTextSearchMatchesEachColumnAndNeverAcrossTwo() {
        assertThat(table.search(filter().text("FLOOR 3 SHOWS").build(), TicketTable.Order.DUE_AT, 0, 1)
                        .total())
                .as("description, any case")
                .isPositive();
        assertThat(table.search(filter().text("Printer error 4711").build(), TicketTable.Order.DUE_AT, 0, 25)
                        .total())
                .as("subject")
                .isEqualTo(11);
        assertThat(table.search(filter().text("requester4711@example.com").build(), TicketTable.Order.DUE_AT, 0, 25)
                        .total())
                .as("email")
                .isEqualTo(1);
        // the end of one column and the start of the next are no text of either
        assertThat(table.search(filter().text("case 4711Requester").build(), TicketTable.Order.DUE_AT, 0, 25)
                        .total())
                .isZero();
        assertThat(table.search(filter().text("4711The printer").build(), TicketTable.Order.DUE_AT, 0, 25)
                        .total())
                .isZero();
    }

    @Test
    void theUnfilteredFirstPageOfEachSortIsReadInIndexOrder() {
        for (TicketTable.Order order : TicketTable.Order.values()) {
            jdbc.plans.clear();
            TicketTable.Page page = table.search(filter().build(), order, 0, 25);
            assertThat(page.rows()).hasSize(25);
            Explained first = jdbc.plans.get(1);
            assertThat(first.plan())
                    .as("%s: %s", order, first.sql())
                    .containsPattern("Index (Only )?Scan using")
                    .doesNotContain("Seq Scan");
        }
    }

    private static FilterBuilder filter() {
        return new FilterBuilder();
    }

    /** Builds a {@link TicketTable.Filter} with only the named conditions. */
    private static final class FilterBuilder {
        private Set<TicketStatus> statuses = Set.of();
        private boolean unassigned;
        private String assignee;
        private String group;
        private Set<Priority> priorities = Set.of();
        private Set<Channel> channels = Set.of();
        private String tag;
        private String text;
        private Set<SlaState> slaStates = Set.of();

        FilterBuilder statuses(Set<TicketStatus> value) {
            statuses = value;
            return this;
        }

        FilterBuilder unassigned() {
            unassigned = true;
            return this;
        }

        FilterBuilder assignee(String value) {
            assignee = value;
            return this;
        }

        FilterBuilder group(String value) {
            group = value;
            return this;
        }

        FilterBuilder priorities(Set<Priority> value) {
            priorities = value;
            return this;
        }

        FilterBuilder channels(Set<Channel> value) {
            channels = value;
            return this;
        }

        FilterBuilder tag(String value) {
            tag = value;
            return this;
        }

        FilterBuilder text(String value) {
            text = value;
            return this;
        }

        FilterBuilder slaStates(Set<SlaState> value) {
            slaStates = value;
            return this;
        }

        TicketTable.Filter build() {
            return new TicketTable.Filter(
                    statuses, unassigned, assignee, group, priorities, channels, tag, text, slaStates);
        }
    }
}
