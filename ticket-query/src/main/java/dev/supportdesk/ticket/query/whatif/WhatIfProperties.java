package dev.supportdesk.ticket.query.whatif;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The what-if's limits: {@code support.reports.what-if.*}, written in application.yml.
 *
 * @param maxTickets the most tickets one what-if recomputes (a larger window is a 400 naming {@code to})
 * @param sampleSize the most changed tickets each row lists
 */
@ConfigurationProperties("support.reports.what-if")
record WhatIfProperties(int maxTickets, int sampleSize) {

    WhatIfProperties {
        if (maxTickets < 1) {
            throw new IllegalArgumentException("support.reports.what-if.max-tickets must be at least 1");
        }
        if (sampleSize < 0 || sampleSize > 1000) {
            throw new IllegalArgumentException("support.reports.what-if.sample-size must be within 0..1000");
        }
    }
}
