package dev.supportdesk.launcher;

/** The platform's own processes, each a Spring Boot jar at {@code <module>/target/<module>-exec.jar}. */
public enum Service {
    TICKET_COMMAND("ticket-command", "COMMAND_PORT", 8081, "COMMAND_URL", "COMMAND_INSTANCES", 256),
    TICKET_QUERY("ticket-query", "QUERY_PORT", 8082, "QUERY_URL", "QUERY_INSTANCES", 256),
    SLA_MONITOR("sla-monitor", "SLA_PORT", 8083, "SLA_URL", "SLA_INSTANCES", 256),
    EDGE("edge", "EDGE_PORT", 8080, "EDGE_URL", null, 128);

    private final String module;
    private final String portVariable;
    private final int defaultPort;
    private final String urlVariable;
    private final String instancesVariable;
    private final int heapMegabytes;

    Service(
            String module,
            String portVariable,
            int defaultPort,
            String urlVariable,
            String instancesVariable,
            int heapMegabytes) {
        this.module = module;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
        this.instancesVariable = instancesVariable;
        this.heapMegabytes = heapMegabytes;
    }

    /** The Maven module and the name used for its log file. */
    public String module() {
        return module;
    }

    /** The environment variable every service reads for this service's port. */
    public String portVariable() {
        return portVariable;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The environment variable through which the other services find this one: its base URL, or with
     * several instances their base URLs separated by commas.
     */
    public String urlVariable() {
        return urlVariable;
    }

    /**
     * The launcher's variable for how many instances of this service run; null for the edge, which is
     * the one public origin.
     */
    public String instancesVariable() {
        return instancesVariable;
    }

    /**
     * The service's own heap limit, put before the common JVM options (so an {@code -Xmx} among those wins).
     * Several times what the old generation holds under load (ticket-command, ticket-query and sla-monitor
     * 31 to 37 MiB each, the edge 17 MiB), so that the whole platform under load fits in 2 GiB; see
     * docs/running.md, "Memory".
     */
    public String heapOption() {
        return "-Xmx" + heapMegabytes + "m";
    }

    /** The edge only proxies; the backends own data and must be up before it. */
    boolean isBackend() {
        return this != EDGE;
    }
}
