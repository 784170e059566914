package dev.supportdesk.contract.events;

import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * An ADMIN created or changed a business calendar (stream {@code sla-calendar:<name>}); clocks started after it
 * count in it.
 *
 * @param workingHours day of week to ranges such as {@code "09:00-18:00"}
 * @param holidays     ISO dates without working time
 */
@Revision("1")
public record SlaCalendarDefinedEvent(
        String calendarId,
        String name,
        String timeZone,
        Map<String, List<String>> workingHours,
        List<String> holidays) {}
