package dev.supportdesk.ticket.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@code If-Match: "<version>"} to a {@code Long} handler parameter: the version the caller expects the
 * ticket to have, or null when there is no precondition (no header, or {@code *}). {@code W/"3"} and a bare
 * {@code 3} are accepted too; anything else is a 400 naming the header, never silently ignored.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface IfMatch {}
