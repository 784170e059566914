package dev.supportdesk.ticket.command.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.supportdesk.platform.security.Role;
import org.springframework.security.core.Authentication;

/**
 * A supervisor webhook's URL may carry its receiver's secret token, so only an admin reads it: in a policy
 * ({@link SlaConfigurationController}), and in the stored events that carry it ({@code SlaPolicyDefinedEvent},
 * {@code SupervisorNotificationRequestedEvent}) wherever an event's payload is answered, the ticket's history and
 * the global feed. For anyone else the field is left out, as in the policy read.
 * <p>
 * The audit export is the one exception: it carries the exact bytes that were hashed, which is what makes it a
 * proof (docs/audit.md).
 */
public final class WebhookRedaction {

    /** The payload field, in every event that names a webhook. */
    static final String FIELD = "webhookUrl";

    private WebhookRedaction() {}

    /** Whether the caller may read webhooks; decided once per request. */
    public static boolean mayRead(Authentication caller) {
        return Role.ADMIN.heldBy(caller);
    }

    /** The payload as the caller may see it: itself, or a copy without the webhook. */
    public static JsonNode payloadFor(boolean mayReadWebhooks, JsonNode payload) {
        if (mayReadWebhooks || !(payload instanceof ObjectNode object) || !object.has(FIELD)) {
            return payload;
        }
        ObjectNode redacted = object.deepCopy();
        redacted.remove(FIELD);
        return redacted;
    }
}
