package dev.supportdesk.e2e.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of several instances per service sharing the work (two each of ticket-command, ticket-query and
 * sla-monitor behind one edge), on a platform of that shape, in the last test run of this module (the
 * {@code instances} tag).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("instances")
@ExtendWith(FaultPlatformExtension.class)
public @interface InstancesTest {}
