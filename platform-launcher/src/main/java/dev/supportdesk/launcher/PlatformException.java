package dev.supportdesk.launcher;

/** A part of the platform could not start or stop; the message says which and why. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
