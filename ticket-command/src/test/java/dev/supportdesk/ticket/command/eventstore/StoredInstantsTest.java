package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredInstantsTest {

    private static final long YEAR_1000 = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void readsEveryInstantAsAxonStoresItAndAsAxonReadsIt() {
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    YEAR_1000 + (long) (random.nextDouble() * (YEAR_9999 - YEAR_1000)), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredInstants.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void readsEveryFractionLengthAsAxonDoes() {
        Random random = new Random(7);
        for (int digits = 0; digits <= 9; digits++) {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(
                            "uuuu-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "'Z'")
                    .withZone(ZoneOffset.UTC);
            for (int i = 0; i < 2_000; i++) {
                Instant instant = Instant.ofEpochSecond(
                        YEAR_1000 + (long) (random.nextDouble() * (YEAR_9999 - YEAR_1000)),
                        random.nextInt(1_000_000_000));
                String text = format.format(instant);
                assertThat(StoredInstants.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
            }
        }
    }

    @Test
    void readsTheDaysAtTheEdgesOfMonthsAndYears() {
        for (String text : new String[] {
            "2024-02-29T23:59:59.999Z",
            "2000-02-29T00:00:00Z",
            "2026-12-31T23:59:59.999999999Z",
            "2027-01-01T00:00:00.000Z",
            "1970-01-01T00:00:00Z",
            "0001-01-01T00:00:00.001Z"
        }) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-02T10:15:00+01:00",
                "2026-03-02T09:15:00.250+00:00",
                "+12026-03-02T09:15:00Z",
                "2026-03-02T09:15:00.Z"
            })
    void leavesOtherFormsToAxon(String text) {
        assertThat(StoredInstants.parse(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T09:15:00Z",
                "2026-13-02T09:15:00Z",
                "2026-03-02T24:00:00Z",
                "2026-03-02T09:60:00Z",
                "2026-03-02T09:15:60Z",
                "2026-03-02T09:15:00.1234567890Z",
                "2026-03-02T09:15:0aZ",
                "2026-03-02 09:15:00Z",
                "2026-03-02T09:15:00",
                ""
            })
    void refusesWhatAxonRefuses(String text) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
