package dev.supportdesk.platform.kafka;

/** A record on the ticket topic that lacks what every event record carries (a header, a readable value). */
public class MalformedEventRecordException extends RuntimeException {

    public MalformedEventRecordException(String message) {
        super(message);
    }

    public MalformedEventRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
