package dev.supportdesk.e2e.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A destructive test: it kills parts of the platform under load. It runs on the fault platform (one
 * instance per service, short SLA targets), never on the one the regular suites share, in a test run
 * of its own after them (the {@code fault} tag; see the failsafe executions of this module).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("fault")
@ExtendWith(FaultPlatformExtension.class)
public @interface FaultTest {}
