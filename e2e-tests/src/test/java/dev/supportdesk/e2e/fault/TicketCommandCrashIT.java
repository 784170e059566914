package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of ticket-command under load, then a start on the same port: commands in flight get no
 * answer (or the edge's 502) and may or may not be stored, but nothing that was acknowledged is lost,
 * no ticket is stored half, and the outbox publishes everything once the new process claims it.
 */
@FaultTest
@Order(1)
class TicketCommandCrashIT {

    private final FaultPlatform desk;

    TicketCommandCrashIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void aKilledCommandSideLosesNothingItAcknowledged() {
        String word = Tickets.uniqueWord("cmdkill");
        PlatformProcess command = desk.part(Service.TICKET_COMMAND, 1);
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(40))
                .start()) {
            load.awaitAcknowledged(150);

            command.kill();
            load.awaitInDoubt(1);
            command.start();
            Instant back = Instant.now();
            load.awaitAcknowledgedSince(back, 100);

            ledger = load.stop();
        }

        assertThat(ledger.inDoubt()).as("the clients noticed the crash").isNotEmpty();
        desk.consistency().verify(ledger, word);
    }
}
