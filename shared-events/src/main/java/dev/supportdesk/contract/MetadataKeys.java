package dev.supportdesk.contract;

/**
 * Keys of the metadata that ticket-command writes on every event, server side. On the Kafka topic each
 * appears as a header {@code axon-metadata-<key>}. The keys marked "on commands only" carry the actor's
 * permissions to the Ticket aggregate and are never stored.
 */
public final class MetadataKeys {
    /** The authenticated principal's name. */
    public static final String ACTOR = "actor";
    /** The role the principal acted in: AGENT, SUPERVISOR, ADMIN, or SYSTEM for the platform's own processes. */
    public static final String ACTOR_ROLE = "actorRole";
    /** Ties together everything one request caused, across services. */
    public static final String CORRELATION_ID = "correlationId";
    /** The identifier of the command message that caused the event. */
    public static final String CAUSATION_ID = "causationId";

    /** The id the server gave the HTTP request that caused the event; absent when no request did. */
    public static final String REQUEST_ID = "requestId";
    /**
     * Where the change came from, decided by the server from how the caller authenticated (never from a
     * header): {@link #SOURCE_CONSOLE}, {@link #SOURCE_API}, {@link #SOURCE_SLA_MONITOR} or {@link #SOURCE_SYSTEM}.
     */
    public static final String SOURCE = "source";
    /** A {@link #SOURCE}: the console's signed-in session. */
    public static final String SOURCE_CONSOLE = "CONSOLE";
    /** A {@link #SOURCE}: a credential sent with the request (HTTP Basic). */
    public static final String SOURCE_API = "API";
    /** A {@link #SOURCE}: the SLA monitor's own service identity (role SYSTEM), never a person. */
    public static final String SOURCE_SLA_MONITOR = "SLA_MONITOR";
    /** A {@link #SOURCE}: what the service records by itself, outside any request. */
    public static final String SOURCE_SYSTEM = "SYSTEM";

    /**
     * The {@link #ACTOR_ROLE} of the platform's own processes (sla-monitor's warnings and breaches, what the
     * service records by itself). Events with it do not make an If-Match stale; every other role is a person.
     */
    public static final String SYSTEM_ROLE = "SYSTEM";

    /**
     * On commands only, never stored on events: whether the actor may take a ticket assigned to someone else
     * ({@code Boolean}; supervisors and admins). Set by ticket-command from the authenticated principal.
     */
    public static final String MAY_REASSIGN = "mayReassign";
    /**
     * On commands only, never stored on events: whether the actor may escalate a ticket by hand
     * ({@code Boolean}; supervisors and admins). Set by ticket-command from the authenticated principal.
     */
    public static final String MAY_ESCALATE = "mayEscalate";

    /** The Kafka topic that carries every ticket event, keyed by ticket id. */
    public static final String DEFAULT_TOPIC = "support.ticket-events";

    private MetadataKeys() {}
}
