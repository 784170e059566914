package dev.supportdesk.ticket.query.queue;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.TicketStatus;
import dev.supportdesk.model.view.SlaState;
import dev.supportdesk.platform.web.ApiProblem;
import dev.supportdesk.platform.web.FieldProblem;
import dev.supportdesk.ticket.query.projection.TicketTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The queue's filters, sort and page, checked. Every problem in the query string is collected, so that a
 * 400 names them all at once.
 */
record QueueQuery(
        Set<TicketStatus> statuses,
        Assignee assignee,
        String group,
        Set<Priority> priorities,
        Set<Channel> channels,
        String tag,
        String text,
        Set<SlaState> slaStates,
        Sort sort,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    private static final Set<SlaState> SLA_FILTERS = Set.of(SlaState.AT_RISK, SlaState.BREACHED);

    /** {@code me} is resolved to the caller's name before the query is built. */
    record Assignee(boolean unassigned, String name) {}

    enum Sort {
        DUE_AT("dueAt", TicketTable.Order.DUE_AT),
        UPDATED_AT_DESC("-updatedAt", TicketTable.Order.UPDATED_AT_DESC),
        PRIORITY_DESC("-priority", TicketTable.Order.PRIORITY_DESC);

        final String parameter;
        final TicketTable.Order order;

        Sort(String parameter, TicketTable.Order order) {
            this.parameter = parameter;
            this.order = order;
        }
    }

    static QueueQuery parse(
            String status,
            String assignee,
            String group,
            String priority,
            String channel,
            String tag,
            String q,
            String sla,
            String sort,
            String page,
            String size,
            String callerName) {
        List<FieldProblem> errors = new ArrayList<>();
        Set<TicketStatus> statuses = enums("status", status, TicketStatus.class, errors);
        Set<Priority> priorities = enums("priority", priority, Priority.class, errors);
        Set<Channel> channels = enums("channel", channel, Channel.class, errors);
        Set<SlaState> slaStates = new LinkedHashSet<>();
        for (String value : values(sla)) {
            SlaState state = SLA_FILTERS.stream()
                    .filter(s -> s.name().equals(value))
                    .findFirst()
                    .orElse(null);
            if (state != null) {
                slaStates.add(state);
            } else {
                errors.add(new FieldProblem("sla", "unknown value '" + value + "'; one of AT_RISK, BREACHED"));
            }
        }
        Sort order = Sort.DUE_AT;
        if (!blank(sort)) {
            order = Arrays.stream(Sort.values())
                    .filter(s -> s.parameter.equals(sort.trim()))
                    .findFirst()
                    .orElse(null);
            if (order == null) {
                errors.add(
                        new FieldProblem("sort", "unknown sort '" + sort + "'; one of dueAt, -updatedAt, -priority"));
            }
        }
        int pageNumber = integer("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        Assignee who = null;
        if (!blank(assignee)) {
            String value = assignee.trim();
            who = switch (value) {
                case "none" -> new Assignee(true, null);
                case "me" -> new Assignee(false, callerName);
                default -> new Assignee(false, value);
            };
        }
        return new QueueQuery(
                statuses,
                who,
                trimToNull(group),
                priorities,
                channels,
                trimToNull(tag),
                trimToNull(q),
                slaStates,
                order,
                pageNumber,
                pageSize);
    }

    private static <E extends Enum<E>> Set<E> enums(
            String field, String raw, Class<E> type, List<FieldProblem> errors) {
        Set<E> result = new LinkedHashSet<>();
        for (String value : values(raw)) {
            try {
                result.add(Enum.valueOf(type, value));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem(
                        field,
                        "unknown value '" + value + "'; one of "
                                + Arrays.stream(type.getEnumConstants())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", "))));
            }
        }
        return result;
    }

    private static int integer(String field, String raw, int fallback, int min, int max, List<FieldProblem> errors) {
        if (blank(raw)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                errors.add(new FieldProblem(
                        field,
                        max == Integer.MAX_VALUE
                                ? "must be at least " + min
                                : "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldProblem(field, "must be a whole number"));
            return fallback;
        }
    }

    private static List<String> values(String commaList) {
        if (blank(commaList)) {
            return List.of();
        }
        return Arrays.stream(commaList.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimToNull(String value) {
        return blank(value) ? null : value.trim();
    }
}
