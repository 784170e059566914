package dev.supportdesk.platform.security;

/**
 * Marks an authentication that came from the console's signed-in session cookie rather than from a credential
 * sent with the request, so that the events a request causes can record where the change came from.
 */
public interface ConsoleSession {}
