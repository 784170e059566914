package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.consumer.StreamConsumer.RetryResult;
import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.web.ApiProblem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/projections}: this service's consumers of the ticket topic with their progress and parked
 * events; {@code POST /api/admin/projections/{name}/parked/{eventId}/retry} applies a parked event again. The edge
 * joins the answers of every service into one list.
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsumerAdminController {

    record PartitionView(int partition, long nextOffset, Long endOffset, Long lag) {}

    record ParkedView(
            String eventId,
            String ticketId,
            String aggregateType,
            String aggregateId,
            long version,
            String type,
            String reason,
            String error,
            Instant parkedAt,
            Instant lastAttemptAt,
            int attempts,
            int partition,
            long offset) {}

    record RetryAnswer(String consumer, String eventId, String outcome) {}

    private final List<StreamConsumer> consumers;
    private final TopicEnds topicEnds;
    private final String service;
    private final List<ConsumerStatusExtension> extensions;

    ConsumerAdminController(
            List<StreamConsumer> consumers,
            TopicEnds topicEnds,
            String service,
            List<ConsumerStatusExtension> extensions) {
        this.consumers = consumers;
        this.topicEnds = topicEnds;
        this.service = service;
        this.extensions = extensions;
    }

    @GetMapping
    @PreAuthorize(Access.WATCH_PROJECTIONS)
    Map<String, Object> projections() {
        Map<Integer, Long> ends = topicEnds.endOffsets();
        return Map.of(
                "items",
                consumers.stream().map(consumer -> view(consumer, ends)).toList());
    }

    @PostMapping("/{name}/parked/{eventId}/retry")
    @PreAuthorize(Access.ADMINISTER)
    RetryAnswer retry(@PathVariable String name, @PathVariable String eventId) {
        StreamConsumer consumer = consumers.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("No projection " + name + " in " + service));
        RetryResult result = consumer.retry(eventId);
        return switch (result.outcome()) {
            case APPLIED, ALREADY_APPLIED ->
                new RetryAnswer(name, eventId, result.outcome().name());
            case NOT_FOUND -> throw ApiProblem.notFound("Projection " + name + " has no parked event " + eventId);
            case WAITING ->
                throw ApiProblem.conflict("Parked event " + eventId + " waits for version " + result.waitsFor()
                                + " of its stream, which is not applied yet")
                        .with("outcome", "WAITING");
            case STILL_FAILING ->
                throw ApiProblem.conflict("Parked event " + eventId + " still cannot be applied: " + result.error())
                        .with("outcome", "STILL_FAILING");
        };
    }

    private Map<String, Object> view(StreamConsumer consumer, Map<Integer, Long> ends) {
        Map<Integer, Long> offsets = new TreeMap<>(consumer.storedOffsets());
        ends.keySet().forEach(partition -> offsets.putIfAbsent(partition, 0L));
        List<PartitionView> partitions = offsets.entrySet().stream()
                .map(entry -> {
                    Long end = ends.get(entry.getKey());
                    return new PartitionView(
                            entry.getKey(),
                            entry.getValue(),
                            end,
                            end == null ? null : Math.max(0, end - entry.getValue()));
                })
                .toList();
        Long lag = ends.isEmpty()
                ? null
                : partitions.stream()
                        .mapToLong(p -> p.lag() == null ? 0 : p.lag())
                        .sum();
        List<ParkedEvent> parked = consumer.parked();
        ConsumerStore.ParkedCounts counts = consumer.snapshot().parked();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", consumer.name());
        view.put("service", service);
        view.put("topic", consumer.topicName());
        view.put("state", state(consumer, parked, lag));
        view.put(
                "position", offsets.values().stream().mapToLong(Long::longValue).sum());
        view.put("lag", lag);
        view.put("partitions", partitions);
        // The instance that answered: which partitions the group gives it now (others run the rest).
        view.put("assignedPartitions", consumer.assignedPartitions());
        view.put("applied", consumer.appliedCount());
        view.put("duplicatesSkipped", consumer.duplicateCount());
        view.put("parkedCount", Math.max(parked.size(), counts.events()));
        view.put(
                "stalledStreams",
                parked.stream().map(ParkedEvent::aggregateId).distinct().count());
        view.put("lastError", consumer.lastError());
        view.put("lastErrorAt", consumer.lastErrorAt());
        view.put(
                "parked",
                parked.stream().map(ConsumerAdminController::parkedView).toList());
        extensions.stream()
                .filter(extension -> extension.consumer().equals(consumer.name()))
                .forEach(extension -> view.putAll(extension.details()));
        return view;
    }

    /** STALLED when events are parked; otherwise what the consumer does: RUNNING, CATCHING_UP, RETRYING, ... */
    private static String state(StreamConsumer consumer, List<ParkedEvent> parked, Long lag) {
        if (consumer.state() == StreamConsumer.State.RETRYING
                || consumer.state() == StreamConsumer.State.STOPPED
                || consumer.state() == StreamConsumer.State.STARTING) {
            return consumer.state().name();
        }
        if (!parked.isEmpty()) {
            return "STALLED";
        }
        return lag != null && lag > 0 ? "CATCHING_UP" : "RUNNING";
    }

    private static ParkedView parkedView(ParkedEvent event) {
        return new ParkedView(
                event.eventId(),
                "Ticket".equals(event.aggregateType()) ? event.aggregateId() : null,
                event.aggregateType(),
                event.aggregateId(),
                event.version(),
                event.eventType(),
                event.reason().name(),
                event.error(),
                event.parkedAt(),
                event.lastAttemptAt(),
                event.attempts(),
                event.record().partition(),
                event.record().offset());
    }
}
