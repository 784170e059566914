package dev.supportdesk.sla.monitor.client;

/** ticket-command could not take a command after every attempt; the deadline that sent it is retried later. */
class TicketCommandUnavailableException extends RuntimeException {

    TicketCommandUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
