package dev.supportdesk.ticket.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxProgressTest {

    @Test
    void aPositionReadPastWhileItsTransactionIsOpenStaysAGapUntilItsEventIsPublished() {
        OutboxProgress progress = new OutboxProgress(10);

        // 11 and 12 are handed out but not committed yet; 13 and 14 are; the horizon is still at 10
        progress.published(List.of(), List.of(13L, 14L), 10);

        assertThat(progress.readUpTo()).isEqualTo(14);
        assertThat(progress.gaps()).containsExactly(11L, 12L);
        assertThat(progress.contiguous()).as("what a restart reads again from").isEqualTo(10);

        progress.published(List.of(12L), List.of(15L), 10);

        assertThat(progress.gaps()).containsExactly(11L);
        assertThat(progress.contiguous()).isEqualTo(10);
    }

    @Test
    void noTimeOutDropsAGap() {
        OutboxProgress progress = new OutboxProgress(0);
        progress.published(List.of(), List.of(2L), 0);

        for (long horizon = 0; horizon < 1; horizon++) {
            progress.settled(horizon);
        }
        progress.published(List.of(), List.of(3L, 4L, 5L), 0);

        assertThat(progress.gaps()).containsExactly(1L);
    }

    @Test
    void aGapTheHorizonPassedWithoutItsEventWasRolledBackAndIsDropped() {
        OutboxProgress progress = new OutboxProgress(0);
        progress.published(List.of(), List.of(2L, 4L), 0);
        assertThat(progress.gaps()).containsExactly(1L, 3L);

        progress.settled(3);

        assertThat(progress.gaps()).isEmpty();
        assertThat(progress.contiguous()).isEqualTo(4);
    }

    @Test
    void positionsAtOrBelowTheHorizonThatWereNotReadAreNeverGaps() {
        OutboxProgress progress = new OutboxProgress(0);

        // 1 to 4 are final: 2 and 3 were rolled back, so reading 1 and 4 leaves nothing to wait for
        progress.published(List.of(), List.of(1L, 4L), 4);

        assertThat(progress.gaps()).isEmpty();
        assertThat(progress.contiguous()).isEqualTo(4);
    }
}
