package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.ticket.command.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Snapshots of the Ticket aggregate against the real PostgreSQL: a ticket past the snapshot threshold (100 events
 * by default) gets a snapshot in the snapshot table, never in the event table the audit chain and the outbox
 * read; it loads from it to exactly the state its events give, and still refuses stale versions. A snapshot of
 * another shape, or one that no longer reads, is skipped and the ticket loads from its events.
 */
class TicketSnapshotIT extends CommandApiTestSupport {

    private static final String TICKET_TYPE = Ticket.class.getName();

    @Autowired
    Repository<Ticket> tickets;

    @Test
    void aLongTicketLoadsFromItsSnapshotToTheStateOfItsEventsAndRefusesStaleVersions() {
        String id = openTicket(); // version 3
        long version = command(id, "tags", "{\"add\":[\"vip\",\"printer\",\"floor-3\"],\"remove\":[]}");
        version = command(id, "assign", "{\"assignee\":\"alice\"}");
        version = command(id, "pending", "{\"reason\":\"Waiting for the model number\"}");
        version = command(id, "resume", "{\"reason\":\"The customer sent it\"}");
        while (version < 110) {
            version = command(id, "replies", "{\"visibility\":\"INTERNAL\",\"body\":\"note at " + version + "\"}");
        }

        Long snapshots = jdbc.queryForObject(
                "SELECT count(*) FROM ticket_command.snapshot_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type = ? AND payload_revision = '1'",
                Long.class,
                id,
                TICKET_TYPE);
        assertThat(snapshots).isEqualTo(1);
        Long snapshotsAmongEvents = jdbc.queryForObject(
                "SELECT count(*) FROM ticket_command.domain_event_entry WHERE payload_type = ?",
                Long.class,
                TICKET_TYPE);
        assertThat(snapshotsAmongEvents).isZero();
        Long events = jdbc.queryForObject(
                "SELECT count(*) FROM ticket_command.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class,
                id);
        assertThat(events).isEqualTo(version);

        Answer stale = post("/api/tickets/" + id + "/replies", "{\"visibility\":\"INTERNAL\",\"body\":\"late\"}")
                .as("alice")
                .header("If-Match", "\"3\"")
                .send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        Answer current = post("/api/tickets/" + id + "/replies", "{\"visibility\":\"INTERNAL\",\"body\":\"on time\"}")
                .as("alice")
                .header("If-Match", "\"" + version + "\"")
                .send();
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(current.version()).isEqualTo(version + 1);
        version = command(id, "pending", "{\"reason\":\"Waiting again\"}");

        Ticket fromSnapshot = load(id);
        jdbc.update("DELETE FROM ticket_command.snapshot_event_entry WHERE aggregate_identifier = ?", id);
        Ticket fromEvents = load(id);
        assertThat(fromSnapshot)
                .usingRecursiveComparison()
                .withStrictTypeChecking()
                .isEqualTo(fromEvents);
        assertThat(fromEvents).extracting("status").hasToString("PENDING");
        assertThat(fromEvents).extracting("tags").asString().isEqualTo("[vip, printer, floor-3]");
    }

    @Test
    void aSnapshotOfAnotherShapeOrThatNoLongerReadsIsSkipped() {
        String id = openTicket();
        command(id, "tags", "{\"add\":[\"vip\"],\"remove\":[]}");
        long version = command(id, "assign", "{\"assignee\":\"alice\"}");
        Ticket fromEvents = load(id);

        snapshot(id, version - 1, "0", "{\"ticketId\":\"" + id + "\",\"state\":\"an older shape\"}");
        assertThat(load(id)).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(fromEvents);
        long next = command(id, "replies", "{\"visibility\":\"INTERNAL\",\"body\":\"after the old snapshot\"}");
        assertThat(next).isEqualTo(version + 1);
        version = next;

        fromEvents = load(id);
        snapshot(id, version - 1, "1", "{\"ticketId\":\"" + id + "\",\"status\":\"NO_SUCH_STATUS\"}");
        assertThat(load(id)).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(fromEvents);
        next = command(id, "replies", "{\"visibility\":\"INTERNAL\",\"body\":\"after the unreadable one\"}");
        assertThat(next).isEqualTo(version + 1);
    }

    private long command(String id, String command, String body) {
        Answer answer =
                post("/api/tickets/" + id + "/" + command, body).as("alice").send();
        assertThat(answer.status()).as(command + ": " + answer.body()).isEqualTo(200);
        return answer.version();
    }

    private Ticket load(String id) {
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> tickets.load(id).invoke(ticket -> ticket))
                .getPayload();
    }

    private void snapshot(String id, long sequence, String revision, String payload) {
        jdbc.update("DELETE FROM ticket_command.snapshot_event_entry WHERE aggregate_identifier = ?", id);
        jdbc.update(
                """
                INSERT INTO ticket_command.snapshot_event_entry (aggregate_identifier, sequence_number, type,
                    event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 'Ticket', ?, ?, ?, ?, ?, ?)""",
                id,
                sequence,
                UUID.randomUUID().toString(),
                Instant.now().toString(),
                TICKET_TYPE,
                revision,
                payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
