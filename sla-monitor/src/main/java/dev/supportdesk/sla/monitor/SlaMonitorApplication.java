package dev.supportdesk.sla.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** sla-monitor: one saga per ticket turns clock facts from Kafka into persistent warning and breach deadlines. */
@SpringBootApplication
public class SlaMonitorApplication {

    public static void main(String[] args) {
        // Axon's update checker calls a host outside this network; set before Spring reads anything.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(SlaMonitorApplication.class, args);
    }
}
