package dev.supportdesk.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.events.SlaClockMetEvent;
import dev.supportdesk.contract.events.SlaClockStartedEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the event stores and the topic already hold must stay readable and be written byte for byte the same: the
 * platform's serializer against the form ticket-command wrote events in before the platform had one mapper
 * definition, for every event of the contract.
 */
class PlatformSerializerTest {

    /** ticket-command's event serializer until then: only here, as the reference for what is stored. */
    private static final Serializer STORED_FORM = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build())
            .build();

    private static final Instant AT = Instant.parse("2026-11-25T10:30:00.123456789Z");

    private final Serializer serializer = PlatformSerializer.jackson();

    @Test
    void writesInstantsAndDurationsAsIsoText() {
        SlaClockStartedEvent started = new SlaClockStartedEvent(
                "T-1",
                SlaMetric.FIRST_RESPONSE,
                "default",
                "24x7",
                Duration.ofMinutes(30),
                Instant.parse("2026-11-25T10:30:00Z"),
                Instant.parse("2026-11-25T10:24:00Z"));
        assertThat(json(serializer.serialize(started, byte[].class)))
                .isEqualTo("{\"ticketId\":\"T-1\","
                        + "\"metric\":\"FIRST_RESPONSE\",\"policy\":\"default\",\"calendar\":\"24x7\",\"target\":\"PT30M\","
                        + "\"dueAt\":\"2026-11-25T10:30:00Z\",\"warnAt\":\"2026-11-25T10:24:00Z\","
                        + "\"policyVersion\":null,\"calendarVersion\":null,\"policiesAsOf\":null}");
        assertThat(json(serializer.serialize(
                        new SlaClockMetEvent("T-1", SlaMetric.RESOLUTION, Duration.ofSeconds(90)), byte[].class)))
                .isEqualTo("{\"ticketId\":\"T-1\",\"metric\":\"RESOLUTION\",\"elapsed\":\"PT1M30S\"}");
    }

    @Test
    void everyEventOfTheContractIsWrittenAsItIsStoredAndReadBackWithFieldsAddedLater() throws Exception {
        List<Class<?>> events = contractEvents();
        assertThat(events).hasSizeGreaterThan(20);
        for (Class<?> type : events) {
            Object event = sample(type);
            SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);
            SerializedObject<byte[]> stored = STORED_FORM.serialize(event, byte[].class);

            assertThat(json(written)).as("%s as stored", type.getSimpleName()).isEqualTo(json(stored));
            assertThat(written.getType())
                    .as("%s type and revision", type.getSimpleName())
                    .isEqualTo(stored.getType());
            byte[] newer = json(stored)
                    .replaceFirst("\\{", "{\"addedInALaterRevision\":{\"x\":1},")
                    .getBytes(StandardCharsets.UTF_8);
            Object read = serializer.deserialize(new SimpleSerializedObject<>(newer, byte[].class, stored.getType()));
            assertThat(read).as("%s read back", type.getSimpleName()).isEqualTo(event);
        }
    }

    @Test
    void metadataIsWrittenAsItIsStored() {
        MetaData metaData = MetaData.from(Map.of("actor", "alice", "actorRole", "AGENT", "correlationId", "c-1"));
        SerializedObject<byte[]> written = serializer.serialize(metaData, byte[].class);
        assertThat(json(written)).isEqualTo(json(STORED_FORM.serialize(metaData, byte[].class)));
        MetaData read = serializer.deserialize(written);
        assertThat(read).isEqualTo(metaData);
    }

    private static String json(SerializedObject<byte[]> serialized) {
        return new String(serialized.getData(), StandardCharsets.UTF_8);
    }

    private static List<Class<?>> contractEvents() throws Exception {
        List<Class<?>> events = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:dev/supportdesk/contract/events/*.class")) {
            String name = resource.getFilename();
            if (name != null && !name.contains("$")) {
                events.add(Class.forName("dev.supportdesk.contract.events." + name.replace(".class", "")));
            }
        }
        return events;
    }

    /** A record with a value of its own type in every component: text with a non-ASCII letter, the last enum value. */
    private static Object sample(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType());
        }
        Constructor<?> canonical = record.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }

    private static Object value(String name, Type type) throws Exception {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return List.of(
                    value(name + "-1", list.getActualTypeArguments()[0]),
                    value(name + "-2", list.getActualTypeArguments()[0]));
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            return Map.of(
                    value(name + "-key", map.getActualTypeArguments()[0]),
                    value(name + "-value", map.getActualTypeArguments()[1]));
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return name + " é";
        } else if (raw == int.class || raw == Integer.class) {
            return 3;
        } else if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == Instant.class) {
            return AT;
        } else if (raw == Duration.class) {
            return Duration.ofMinutes(30).plusMillis(500);
        } else if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[constants.length - 1];
        } else if (raw.isRecord()) {
            return sample(raw);
        }
        throw new IllegalArgumentException("no sample value for " + type + " (" + name + ")");
    }
}
