package dev.supportdesk.ticket.query.report;

import dev.supportdesk.platform.axon.TicketTopicProcessors;
import dev.supportdesk.platform.consumer.StreamConsumer;
import dev.supportdesk.platform.consumer.StreamConsumers;
import dev.supportdesk.ticket.query.replay.ReplayableReadModel;
import java.util.List;
import java.util.Set;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The report projection reads the topic with a consumer of its own ({@value ReportProjection#PROCESSING_GROUP}),
 * so that it can be rebuilt, lag and be parked apart from the ticket read model.
 */
@Configuration(proxyBeanMethods = false)
class ReportConfiguration {

    /** Reports count tickets; policy and calendar events pass by. */
    static final Set<String> OWNED_TYPES = Set.of("Ticket");

    @Bean
    StreamConsumer reportProjectionConsumer(StreamConsumers consumers) {
        return consumers.create(ReportProjection.PROCESSING_GROUP, OWNED_TYPES);
    }

    @Bean
    ReplayableReadModel reportReadModel(ReportProjection projection) {
        return new ReplayableReadModel(
                ReportProjection.PROCESSING_GROUP,
                OWNED_TYPES,
                List.of("report_ticket", "report_open_span", "report_sla_step"),
                projection);
    }

    @Autowired
    void registerReportProjection(
            EventProcessingConfigurer processing,
            @Qualifier("reportProjectionConsumer") ObjectProvider<StreamConsumer> consumer) {
        TicketTopicProcessors.register(processing, ReportProjection.PROCESSING_GROUP, consumer::getObject);
    }
}
