package dev.supportdesk.contract;

/** Ticket priorities, declared from low to high: the declaration order is the ranking. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /** One level up; URGENT stays URGENT. */
    public Priority raised() {
        return this == URGENT ? URGENT : values()[ordinal() + 1];
    }
}
