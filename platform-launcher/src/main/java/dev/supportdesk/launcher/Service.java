package dev.supportdesk.launcher;

/** The platform's own processes, each a Spring Boot jar at {@code <module>/target/<module>-exec.jar}. */
public enum Service {
    TICKET_COMMAND("ticket-command", "COMMAND_PORT", 8081, "COMMAND_URL", "COMMAND_INSTANCES"),
    TICKET_QUERY("ticket-query", "QUERY_PORT", 8082, "QUERY_URL", "QUERY_INSTANCES"),
    SLA_MONITOR("sla-monitor", "SLA_PORT", 8083, "SLA_URL", "SLA_INSTANCES"),
    EDGE("edge", "EDGE_PORT", 8080, "EDGE_URL", null);

    private final String module;
    private final String portVariable;
    private final int defaultPort;
    private final String urlVariable;
    private final String instancesVariable;

    Service(String module, String portVariable, int defaultPort, String urlVariable, String instancesVariable) {
        this.module = module;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
        this.instancesVariable = instancesVariable;
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

    /** The edge only proxies; the backends own data and must be up before it. */
    boolean isBackend() {
        return this != EDGE;
    }
}
