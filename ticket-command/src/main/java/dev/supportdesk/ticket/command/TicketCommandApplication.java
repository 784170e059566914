package dev.supportdesk.ticket.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ticket-command: the REST command API, the Ticket aggregate, the event store and the Kafka publisher. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketCommandApplication {

    public static void main(String[] args) {
        // Axon's update checker calls a host outside this network and logs a stack trace every few seconds.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(TicketCommandApplication.class, args);
    }
}
