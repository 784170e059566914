package dev.supportdesk.platform.security;

import java.util.List;

/** The directory holds passwords this profile must not accept; names every user concerned, never a password. */
class UnsafePasswordException extends IllegalStateException {

    private final List<String> problems;

    UnsafePasswordException(List<String> problems) {
        super("support.directory: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
