package dev.supportdesk.ticket.query.replay;

import dev.supportdesk.platform.consumer.ConsumerStatusExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;

/**
 * A read model that {@code POST /api/admin/projections/{name}/replay} can rebuild: a bean of this type registers
 * it (docs/ticket-query.md, "Replay"). It names the consumer that feeds it live, the stream types it applies, the
 * tables that hold it (moved as a whole at switchover) and the Axon-annotated handlers that write them. The
 * handlers must write through unqualified table names in the current transaction (JdbcTemplate does): a rebuild
 * runs them in transactions whose {@code search_path} is the fresh copy's schema.
 * <p>
 * It also adds the replay's progress to the consumer's entry in {@code GET /api/admin/projections}.
 */
public final class ReplayableReadModel implements ConsumerStatusExtension {

    private final String name;
    private final Set<String> ownedTypes;
    private final List<String> tables;
    private final Object handlers;
    private final Consumer<List<? extends EventMessage<?>>> batchHandler;
    private volatile Function<String, Map<String, Object>> status = name -> Map.of();

    /**
     * @param name       the live consumer's name, as the admin API lists it (e.g. {@code ticket-projection})
     * @param ownedTypes the stream types it applies, as its live consumer does
     * @param tables     every table of the read model, unqualified
     * @param handlers   the projection, an object with Axon {@code @EventHandler} methods
     */
    public ReplayableReadModel(String name, Set<String> ownedTypes, List<String> tables, Object handlers) {
        this(name, ownedTypes, tables, handlers, null);
    }

    /**
     * @param batchHandler applies a rebuild's batch at once: events in record order, each the next version of its
     *                     stream, with the outcome the {@code handlers} give event after event (e.g. one load and one
     *                     write per ticket); null to apply them one by one through {@code handlers}
     */
    public ReplayableReadModel(
            String name,
            Set<String> ownedTypes,
            List<String> tables,
            Object handlers,
            Consumer<List<? extends EventMessage<?>>> batchHandler) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("read model " + name + " names no table");
        }
        this.name = name;
        this.ownedTypes = Set.copyOf(ownedTypes);
        this.tables = List.copyOf(tables);
        this.handlers = handlers;
        this.batchHandler = batchHandler;
    }

    public String name() {
        return name;
    }

    Set<String> ownedTypes() {
        return ownedTypes;
    }

    List<String> tables() {
        return tables;
    }

    Object handlers() {
        return handlers;
    }

    Consumer<List<? extends EventMessage<?>>> batchHandler() {
        return batchHandler;
    }

    void reportWith(Function<String, Map<String, Object>> replayStatus) {
        this.status = replayStatus;
    }

    @Override
    public String consumer() {
        return name;
    }

    @Override
    public Map<String, Object> details() {
        return status.apply(name);
    }
}
