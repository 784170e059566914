package dev.supportdesk.ticket.command.metadata;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who and why on every event: the dispatch interceptor stamps commands, the provider copies onto events. */
@Configuration(proxyBeanMethods = false)
class MetadataConfiguration {

    /** Replaces Axon's default MessageOriginProvider, which would write its own correlationId. */
    @Bean
    static CorrelationDataProvider eventMetadataProvider() {
        return new EventMetadataProvider();
    }

    @Autowired
    void registerActorInterceptor(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new ActorDispatchInterceptor());
    }
}
