package dev.supportdesk.ticket.command.metadata;

import dev.supportdesk.contract.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies who acted and why onto every event a command causes: actor, actorRole, correlationId, requestId and
 * source come from
 * the command's metadata (set server side by the command dispatch interceptor), causationId is the command
 * message's own identifier.
 */
public final class EventMetadataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?>)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        copy(message, MetadataKeys.ACTOR, data);
        copy(message, MetadataKeys.ACTOR_ROLE, data);
        copy(message, MetadataKeys.CORRELATION_ID, data);
        copy(message, MetadataKeys.SOURCE, data);
        Object requestId = message.getMetaData().get(MetadataKeys.REQUEST_ID);
        if (requestId instanceof String id && !id.isEmpty()) {
            data.put(MetadataKeys.REQUEST_ID, id);
        }
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }

    private static void copy(Message<?> message, String key, Map<String, Object> data) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
