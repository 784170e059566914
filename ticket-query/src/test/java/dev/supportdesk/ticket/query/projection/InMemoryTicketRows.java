package dev.supportdesk.ticket.query.projection;

import dev.supportdesk.model.view.ConversationEntry;
import dev.supportdesk.model.view.TicketView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The projection's rows in a map, with the conversation kept as the JDBC store keeps it; for unit tests. */
class InMemoryTicketRows implements TicketRows {

    private final Map<String, TicketView> rows = new HashMap<>();
    private final Map<String, List<ConversationEntry>> conversations = new HashMap<>();
    int saves;

    @Override
    public Optional<TicketView> find(String ticketId) {
        TicketView stored = rows.get(ticketId);
        // a fresh copy per load, as a database read gives
        return Optional.ofNullable(stored).map(InMemoryTicketRows::copy);
    }

    @Override
    public Map<String, TicketView> findAll(Collection<String> ticketIds) {
        Map<String, TicketView> found = new HashMap<>();
        ticketIds.forEach(id -> find(id).ifPresent(view -> found.put(id, view)));
        return found;
    }

    @Override
    public void saveAll(Collection<TicketView> views) {
        views.forEach(this::save);
    }

    private void save(TicketView view) {
        saves++;
        rows.put(view.id(), copy(view));
        conversations.computeIfAbsent(view.id(), id -> new ArrayList<>()).addAll(view.addedEntries());
    }

    TicketView get(String id) {
        return rows.get(id);
    }

    List<ConversationEntry> conversation(String id) {
        return conversations.getOrDefault(id, List.of());
    }

    private static TicketView copy(TicketView t) {
        return new TicketView(
                t.id(),
                t.version(),
                t.subject(),
                t.description(),
                t.status(),
                t.priority(),
                t.channel(),
                t.assignee(),
                t.group(),
                t.requester(),
                t.customerTier(),
                t.tags(),
                t.createdAt(),
                t.updatedAt(),
                t.resolution(),
                t.mergedInto(),
                t.slaPolicy(),
                t.escalationLevel(),
                t.clocks());
    }
}
