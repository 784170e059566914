package dev.supportdesk.platform.axon;

import dev.supportdesk.platform.web.PlatformJson;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's serializer for every service: Jackson over {@link PlatformJson#base()}, so that stored payloads and
 * metadata, Kafka values, saga state and deadlines all have the platform's one JSON form (ISO-8601
 * instants and durations, unknown properties ignored on read, so an event revision that adds a field stays
 * readable by older readers). The revision comes from each event's {@code @Revision}.
 */
public final class PlatformSerializer {

    private PlatformSerializer() {}

    /** A serializer that loads payload classes through this library's class loader (tests, tools). */
    public static Serializer jackson() {
        return jackson(PlatformSerializer.class.getClassLoader());
    }

    /** A serializer that loads payload classes through the given class loader (the application's). */
    public static Serializer jackson(ClassLoader classLoader) {
        // A fresh mapper each time: the serializer registers Axon's own modules on the mapper it is given.
        return JacksonSerializer.builder()
                .objectMapper(PlatformJson.base())
                .converter(new ChainingConverter(classLoader))
                .build();
    }
}
