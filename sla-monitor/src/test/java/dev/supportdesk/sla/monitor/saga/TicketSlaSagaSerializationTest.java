package dev.supportdesk.sla.monitor.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.platform.axon.PlatformSerializer;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The saga store keeps the saga in the platform's JSON form: every field of its state must survive the round trip. */
class TicketSlaSagaSerializationTest {

    private final Serializer serializer = PlatformSerializer.jackson();

    @Test
    void theSagaStateSurvivesTheSagaStoresSerializer() throws Exception {
        TicketSlaSaga saga = new TicketSlaSaga();
        Map<SlaMetric, TrackedClock> clocks = new HashMap<>();
        clocks.put(
                SlaMetric.FIRST_RESPONSE,
                TrackedClock.running(Instant.parse("2026-03-02T09:30:00Z"), Instant.parse("2026-03-02T09:24:00Z"))
                        .withDeadlines("breach-1", "warning-1"));
        clocks.put(SlaMetric.RESOLUTION, TrackedClock.running(null, null).pause());
        set(saga, "ticketId", "T-1");
        set(saga, "lastVersion", 7L);
        set(saga, "clocks", clocks);

        SerializedObject<byte[]> bytes = serializer.serialize(saga, byte[].class);
        TicketSlaSaga copy = serializer.deserialize(bytes);

        assertThat(get(copy, "ticketId")).isEqualTo("T-1");
        assertThat(get(copy, "lastVersion")).isEqualTo(7L);
        assertThat(get(copy, "clocks")).isEqualTo(clocks);
        assertThat(new String(bytes.getData())).doesNotContain("deadlineManager", "commandGateway");
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field field = TicketSlaSaga.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static Object get(Object target, String name) throws Exception {
        Field field = TicketSlaSaga.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
