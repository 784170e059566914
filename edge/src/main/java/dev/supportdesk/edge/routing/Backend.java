package dev.supportdesk.edge.routing;

/** A service behind the edge; {@link #serviceName()} is also its key under {@code edge.backends}. */
public enum Backend {
    TICKET_COMMAND("ticket-command"),
    TICKET_QUERY("ticket-query"),
    SLA_MONITOR("sla-monitor");

    private final String serviceName;

    Backend(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
