package dev.supportdesk.sla.monitor.saga;

import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC saga store on the tables of the Flyway migration (schema sla_monitor, through the connection pool's
 * schema). Axon's JDBC auto-configuration builds the store from this bean, on the Spring transaction manager, so
 * the saga state, the deadlines and the stream consumer's offsets commit together.
 */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        PostgresSagaSqlSchema schema = new PostgresSagaSqlSchema(new SagaSchema.Builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
        // SELECT ... FOR UPDATE: a deadline firing on a scheduler thread and an event arriving on the processor
        // thread never work on the same saga at once (the store itself has no optimistic locking).
        schema.setExclusiveLoad(true);
        return schema;
    }
}
