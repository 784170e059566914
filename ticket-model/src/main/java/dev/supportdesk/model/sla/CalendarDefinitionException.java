package dev.supportdesk.model.sla;

/** A calendar definition that cannot be used, naming the field at fault as the API spells it. */
public class CalendarDefinitionException extends RuntimeException {

    private final String field;

    public CalendarDefinitionException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field: {@code timeZone}, {@code workingHours.MONDAY[0]}, {@code holidays[2]}, ... */
    public String field() {
        return field;
    }
}
