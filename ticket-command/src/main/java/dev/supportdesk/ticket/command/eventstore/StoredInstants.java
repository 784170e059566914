package dev.supportdesk.ticket.command.eventstore;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * The {@code time_stamp} column read back as an instant, with the result of Axon's {@link DateTimeUtils#parseInstant}
 * for every text. Axon stores {@code 2026-03-02T09:15:00.250Z} (UTC, milliseconds); that form and any other
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} is read here digit by digit, every other text by Axon. Axon's parser
 * goes through a general {@code DateTimeFormatter}, about a microsecond an event: a tenth of reading a stream of
 * 10,000 events (docs/benchmarks.md, "History reads").
 */
final class StoredInstants {

    private static final int SECONDS_PER_DAY = 86_400;

    private StoredInstants() {}

    static Instant parse(String text) {
        Instant fast = utc(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /** The instant when the text has the UTC form with a valid date and time; otherwise null. */
    private static Instant utc(String text) {
        int length = text.length();
        if (length < 20
                || length == 21
                || length > 30
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z'
                || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        if (second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int scale = length - 21; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal value of the characters from {@code from} to {@code to} (exclusive); -1 unless all are digits. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
