package dev.supportdesk.platform.axon;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The three serializers Axon asks for (general, events, messages), each the {@link PlatformSerializer}. They are
 * declared before Axon's own auto-configuration, which then declares none of its own.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(JacksonSerializer.class)
public class SerializerConfiguration implements BeanClassLoaderAware {

    private ClassLoader classLoader = SerializerConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Saga state, deadlines and snapshots. */
    @Bean
    @Primary
    Serializer serializer() {
        return PlatformSerializer.jackson(classLoader);
    }

    /** Event payloads and metadata: what the event store holds and the ticket topic carries. */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return PlatformSerializer.jackson(classLoader);
    }

    /** Commands and other messages. */
    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return PlatformSerializer.jackson(classLoader);
    }
}
