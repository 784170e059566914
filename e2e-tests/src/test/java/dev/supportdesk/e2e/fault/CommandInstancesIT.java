package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.Ledger.Outcome;
import dev.supportdesk.launcher.PlatformProcess;
import dev.supportdesk.launcher.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two ticket-command instances behind the edge share one event store: concurrent commands to the same
 * tickets through both lose no update and each event is published once; when the instance whose outbox
 * publishes dies, the other one's outbox carries on.
 */
@InstancesTest
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandInstancesIT {

    private final FaultPlatform desk;

    CommandInstancesIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    @Order(1)
    void concurrentCommandsToTheSameTicketsThroughBothInstancesLoseNothingAndArePublishedOnce() {
        String word = Tickets.uniqueWord("samecmd");
        String first = desk.platform().serviceUrl(Service.TICKET_COMMAND, 1);
        String second = desk.platform().serviceUrl(Service.TICKET_COMMAND, 2);
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(25))
                .sharedTickets(4)
                .targets(List.of(desk.platform().edgeUrl(), first, second))
                .start()) {
            load.awaitAcknowledged(300);
            ledger = load.stop();
        }

        // First what was kept (the checks list any 500 too), then how the two instances answered.
        desk.consistency().publishedExactlyOnce().verify(ledger, word);
        for (String instance : List.of(first, second)) {
            assertThat(ledger.acknowledged())
                    .filteredOn(call -> call.target().equals(instance))
                    .as("commands acknowledged by %s itself", instance)
                    .isNotEmpty();
        }
        assertThat(ledger.calls())
                .as("refused only as busy after the bounded retries, never lost")
                .allSatisfy(
                        call -> assertThat(call.outcome()).as("%s", call).isIn(Outcome.ACKNOWLEDGED, Outcome.REFUSED));
        assertThat(ledger.with(Outcome.REFUSED))
                .allSatisfy(call -> assertThat(call.status()).as("%s", call).isEqualTo(409));
    }

    @Test
    @Order(2)
    void theOutboxCarriesOnWhenTheInstanceHoldingItDies() {
        String word = Tickets.uniqueWord("outboxdies");
        int holder = await("an instance publishes the outbox")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(desk::outboxHolder, number -> number > 0);
        int survivor = holder == 1 ? 2 : 1;
        PlatformProcess dying = desk.part(Service.TICKET_COMMAND, holder);
        System.out.println("[fault] " + word + ": the outbox is published by instance " + holder);
        Ledger ledger;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(40))
                .targets(List.of(
                        desk.platform().serviceUrl(Service.TICKET_COMMAND, survivor),
                        desk.platform().edgeUrl()))
                .start()) {
            load.awaitAcknowledged(100);

            dying.kill();
            Instant killed = Instant.now();
            load.awaitAcknowledgedSince(killed, 200);

            ledger = load.stop();
        }

        desk.consistency().catchUpWithin(Duration.ofSeconds(90)).verify(ledger, word);
        assertThat(dying.isRunning())
                .as("everything was published without the instance that held the outbox")
                .isFalse();
        assertThat(ledger.calls())
                .filteredOn(call -> call.target().equals(desk.platform().serviceUrl(Service.TICKET_COMMAND, survivor)))
                .as("the survivor kept answering")
                .allSatisfy(
                        call -> assertThat(call.outcome()).as("%s", call).isIn(Outcome.ACKNOWLEDGED, Outcome.REFUSED));
        dying.start();
    }
}
