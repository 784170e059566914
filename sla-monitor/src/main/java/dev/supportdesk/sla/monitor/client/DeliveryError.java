package dev.supportdesk.sla.monitor.client;

/**
 * Why ticket-command did not record a warning or breach.
 *
 * @param status the HTTP status, or null when nothing answered (refused connection, timeout)
 * @param reason the problem's {@code reason} member, e.g. {@code NOT_DUE}, or null
 * @param detail the problem's detail (or title, or the transport failure), with the service password removed
 */
public record DeliveryError(Integer status, String reason, String detail) {

    @Override
    public String toString() {
        if (status == null) {
            return detail == null ? "no answer" : detail;
        }
        return "HTTP " + status + (reason == null ? "" : " " + reason) + (detail == null ? "" : ": " + detail);
    }
}
