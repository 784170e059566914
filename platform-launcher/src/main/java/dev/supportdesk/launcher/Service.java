package dev.supportdesk.launcher;

/** The platform's own processes, each a Spring Boot jar at {@code <module>/target/<module>-exec.jar}. */
public enum Service {
    TICKET_COMMAND("ticket-command", "COMMAND_PORT", 8081, "COMMAND_URL"),
    TICKET_QUERY("ticket-query", "QUERY_PORT", 8082, "QUERY_URL"),
    SLA_MONITOR("sla-monitor", "SLA_PORT", 8083, "SLA_URL"),
    EDGE("edge", "EDGE_PORT", 8080, "EDGE_URL");

    private final String module;
    private final String portVariable;
    private final int defaultPort;
    private final String urlVariable;

    Service(String module, String portVariable, int defaultPort, String urlVariable) {
        this.module = module;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.urlVariable = urlVariable;
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

    /** The environment variable through which the other services find this one. */
    public String urlVariable() {
        return urlVariable;
    }

    /** The edge only proxies; the backends own data and must be up before it. */
    boolean isBackend() {
        return this != EDGE;
    }
}
