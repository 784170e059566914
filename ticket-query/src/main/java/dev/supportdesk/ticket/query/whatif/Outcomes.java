package dev.supportdesk.ticket.query.whatif;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A ticket's first-response and resolution outcomes as the SLA report counts them: {@code MET} or {@code BREACHED}
 * (a breach sticks), null while neither; minutes are the working minutes of the clock's last stop (4 decimals).
 *
 * @param policy the policy the what-if matched the ticket with (null for the contracted outcomes)
 */
record Outcomes(
        String firstResponse,
        BigDecimal firstResponseMinutes,
        String resolution,
        BigDecimal resolutionMinutes,
        String policy) {

    static final String MET = "MET";
    static final String BREACHED = "BREACHED";

    /** Whether the outcomes differ, the minutes aside. */
    boolean differsFrom(Outcomes other) {
        return !Objects.equals(firstResponse, other.firstResponse) || !Objects.equals(resolution, other.resolution);
    }
}
