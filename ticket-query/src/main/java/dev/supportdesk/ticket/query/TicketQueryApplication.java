package dev.supportdesk.ticket.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side: builds the queue and ticket detail from the Kafka topic and serves them. */
@SpringBootApplication
public class TicketQueryApplication {

    public static void main(String[] args) {
        // Axon's update checker calls a host outside this network and logs a stack trace every few seconds.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(TicketQueryApplication.class, args);
    }
}
