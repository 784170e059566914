package dev.supportdesk.e2e.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.e2e.Tickets;
import dev.supportdesk.e2e.fault.Ledger.Call;
import dev.supportdesk.e2e.fault.Ledger.Outcome;
import dev.supportdesk.launcher.PlatformProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the Kafka broker under load, then a start on its data: commands only need the event
 * store, so they keep succeeding while the broker is gone; once it is back the outbox delivers the
 * backlog and the read model applies it exactly once.
 */
@FaultTest
@Order(2)
class KafkaCrashIT {

    private final FaultPlatform desk;

    KafkaCrashIT(FaultPlatform desk) {
        this.desk = desk;
    }

    @Test
    void commandsSucceedWhileTheBrokerIsGoneAndTheReadModelCatchesUpOnce() {
        String word = Tickets.uniqueWord("kafkakill");
        PlatformProcess kafka = desk.platform().kafka();
        Ledger ledger;
        Instant gone;
        Instant restarting;
        try (Load load = Load.on(desk)
                .word(word)
                .clients(6)
                .limit(Duration.ofSeconds(35))
                .start()) {
            load.awaitAcknowledged(150);

            kafka.kill();
            gone = Instant.now();
            load.awaitAcknowledgedSince(gone, 150);
            restarting = Instant.now();
            kafka.start();
            load.awaitAcknowledgedSince(Instant.now(), 50);

            ledger = load.stop();
        }

        List<Call> duringOutage = ledger.within(gone, restarting);
        assertThat(duringOutage).as("commands sent while the broker was gone").hasSizeGreaterThanOrEqualTo(150);
        assertThat(duringOutage)
                .as("every command while the broker was gone got a definite answer")
                .allSatisfy(
                        call -> assertThat(call.outcome()).as("%s", call).isIn(Outcome.ACKNOWLEDGED, Outcome.REFUSED));
        assertThat(duringOutage)
                .filteredOn(call -> call.outcome() == Outcome.REFUSED)
                .as("only commands the ticket's state forbids are refused")
                .allSatisfy(call -> assertThat(call.refusalExpected()).isTrue());
        desk.consistency().verify(ledger, word);
    }
}
