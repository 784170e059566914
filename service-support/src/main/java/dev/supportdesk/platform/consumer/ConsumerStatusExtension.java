package dev.supportdesk.platform.consumer;

import java.util.Map;

/**
 * More about one consumer for {@code GET /api/admin/projections}, from the service that runs it (sla-monitor:
 * the warnings and breaches it could not deliver yet).
 */
public interface ConsumerStatusExtension {

    /** The consumer's name, as {@link StreamConsumer#name()}. */
    String consumer();

    /** Members added to the consumer's entry. */
    Map<String, Object> details();
}
