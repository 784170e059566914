package dev.supportdesk.sla.monitor.client;

import dev.supportdesk.contract.SlaMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ticket-command did not answer 200 to a warning or breach: it stays pending. Thrown through the saga's deadline
 * handler, so the deadline fails, its unit of work rolls back and db-scheduler runs it again; the deadline task's
 * failure handler finds this exception in the cause chain, lists the command as pending and picks the delay.
 */
public class SlaCommandNotDeliveredException extends RuntimeException {

    private final PendingSlaCommand.Kind kind;
    private final String ticketId;
    private final SlaMetric metric;
    private final Instant at;
    private final DeliveryError error;
    private final boolean notDue;
    private final Duration retryAfter;

    SlaCommandNotDeliveredException(SlaDelivery delivery, DeliveryError error, boolean notDue, Duration retryAfter) {
        this(delivery.kind(), delivery.ticketId(), delivery.metric(), delivery.at(), error, notDue, retryAfter);
    }

    public SlaCommandNotDeliveredException(
            PendingSlaCommand.Kind kind,
            String ticketId,
            SlaMetric metric,
            Instant at,
            DeliveryError error,
            boolean notDue,
            Duration retryAfter) {
        // No stack trace: this is an answer, not a bug, and every retry of a pending command would log one.
        super(kind + " of " + ticketId + " " + metric + " at " + at + " not recorded: " + error, null, false, false);
        this.kind = kind;
        this.ticketId = ticketId;
        this.metric = metric;
        this.at = at;
        this.error = error;
        this.notDue = notDue;
        this.retryAfter = retryAfter;
    }

    public PendingSlaCommand.Kind kind() {
        return kind;
    }

    public String ticketId() {
        return ticketId;
    }

    public SlaMetric metric() {
        return metric;
    }

    public Instant at() {
        return at;
    }

    public DeliveryError error() {
        return error;
    }

    /** ticket-command's clock has not reached the instant yet ({@code 409}, reason {@code NOT_DUE}): retry soon. */
    public boolean notDue() {
        return notDue;
    }

    /** The answer's {@code Retry-After}, when it had one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The first exception of this type in the cause chain of {@code failure}. */
    public static Optional<SlaCommandNotDeliveredException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SlaCommandNotDeliveredException notDelivered) {
                return Optional.of(notDelivered);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
