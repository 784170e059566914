package dev.supportdesk.contract;

/**
 * Keys of the metadata that ticket-command writes on every event, server side. On the Kafka topic each
 * appears as a header {@code axon-metadata-<key>}.
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

    /** The Kafka topic that carries every ticket event, keyed by ticket id. */
    public static final String DEFAULT_TOPIC = "support.ticket-events";

    private MetadataKeys() {
    }
}
