package dev.supportdesk.sla.monitor.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.supportdesk.sla.monitor.client.PendingSlaCommands;
import dev.supportdesk.sla.monitor.client.SlaCommandNotDeliveredException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler task that runs Axon's deadlines, with a retry that suits SLA commands and the listing of what is
 * pending.
 * <p>
 * Axon 4.13 wires {@link DbSchedulerDeadlineManager} by itself when a db-scheduler {@code Scheduler} exists
 * ({@code AxonDbSchedulerAutoConfiguration}); when a deadline handler fails, the manager rolls back its unit of work
 * and throws, and the task it registers keeps db-scheduler's default for one-time tasks: retry every 5 minutes, for
 * ever. This task (which replaces Axon's through its qualifier) runs the same deadline and, when it fails:
 * <ul>
 *     <li>lists a warning or breach that ticket-command did not record in {@link PendingSlaCommands}, with its
 *     reason and the next attempt, outside the rolled-back unit of work so that the listing survives;</li>
 *     <li>retries after {@code first-retry}, doubling up to {@code max-retry}, for ever: a warning or breach must be
 *     recorded or stay pending, whatever ticket-command answered (a {@code Retry-After} longer than that delay is
 *     honoured);</li>
 *     <li>retries after {@code not-due-retry} when ticket-command's clock had not reached the instant yet, since it
 *     will have in a moment.</li>
 * </ul>
 * A deadline that completes clears its listing: ticket-command answered 200, or the saga found the clock had moved on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineRetryProperties.class)
class DeadlineRetryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadlineRetryConfiguration.class);

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context, DeadlineRetryProperties retry, PendingSlaCommands pending) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axonTask.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new PendingRetry(new CappedBackoff(retry), pending))
                .execute((instance, executionContext) -> {
                    try {
                        axonTask.execute(instance, executionContext);
                    } catch (RuntimeException e) {
                        // A refused delivery is rethrown bare: db-scheduler logs a line, not Axon's wrappers' stack
                        // traces, on every retry; any other failure keeps its stack trace.
                        throw SlaCommandNotDeliveredException.in(e)
                                .<RuntimeException>map(bare -> bare)
                                .orElse(e);
                    }
                    clearQuietly(pending, instance);
                });
    }

    /**
     * The deadline's work is committed by now; a listing that cannot be cleared this moment turns stale once
     * db-scheduler removes the deadline, which hides it, and the next clear deletes it.
     */
    private static void clearQuietly(PendingSlaCommands pending, TaskInstance<?> instance) {
        try {
            pending.clear(instance.getTaskName(), instance.getId());
        } catch (RuntimeException e) {
            log.warn(
                    "Deadline {} completed, but its pending listing was not cleared: {}",
                    instance.getId(),
                    e.toString());
        }
    }

    /** Lists the failed delivery as pending, then reschedules the deadline. */
    static final class PendingRetry implements FailureHandler<DbSchedulerBinaryDeadlineDetails> {

        private final CappedBackoff backoff;
        private final PendingSlaCommands pending;

        PendingRetry(CappedBackoff backoff, PendingSlaCommands pending) {
            this.backoff = backoff;
            this.pending = pending;
        }

        @Override
        public void onFailure(
                ExecutionComplete complete, ExecutionOperations<DbSchedulerBinaryDeadlineDetails> operations) {
            TaskInstance<?> instance = complete.getExecution().taskInstance;
            int failures = complete.getExecution().consecutiveFailures + 1;
            Optional<SlaCommandNotDeliveredException> notDelivered =
                    complete.getCause().flatMap(SlaCommandNotDeliveredException::in);
            Instant next = complete.getTimeDone().plus(backoff.delay(failures, notDelivered));
            notDelivered.ifPresentOrElse(
                    failure -> {
                        log.warn(
                                "Deadline {}: {} of ticket {} ({}) pending after {} failure(s): {}; retrying at {}",
                                instance.getId(),
                                failure.kind(),
                                failure.ticketId(),
                                failure.metric(),
                                failures,
                                failure.error(),
                                next);
                        try {
                            pending.recordFailure(
                                    instance.getTaskName(),
                                    instance.getId(),
                                    failure,
                                    failures,
                                    complete.getTimeDone(),
                                    next);
                        } catch (RuntimeException e) {
                            // The deadline is retried all the same; only the listing is missing until then.
                            log.warn("Could not list deadline {} as pending: {}", instance.getId(), e.toString());
                        }
                    },
                    () -> log.warn(
                            "Deadline {} failed {} time(s) in a row ({}); retrying at {}",
                            instance.getId(),
                            failures,
                            complete.getCause().map(Throwable::toString).orElse("no cause"),
                            next));
            operations.reschedule(complete, next);
        }
    }

    /**
     * {@code first * 2^(failures-1)}, at most {@code max}; {@code not-due-retry} for a command not due yet; a longer
     * {@code Retry-After} of the answer wins, up to {@code max}.
     */
    static final class CappedBackoff {

        private final Duration first;
        private final Duration max;
        private final Duration notDue;

        CappedBackoff(DeadlineRetryProperties properties) {
            this.first = properties.firstRetry();
            this.max = properties.maxRetry();
            this.notDue = properties.notDueRetry();
        }

        Duration delay(int failures, Optional<SlaCommandNotDeliveredException> notDelivered) {
            Duration delay = notDelivered.isPresent() && notDelivered.get().notDue() ? notDue : delay(failures);
            Duration asked = notDelivered
                    .flatMap(SlaCommandNotDeliveredException::retryAfter)
                    .orElse(Duration.ZERO);
            return asked.compareTo(delay) <= 0 ? delay : asked.compareTo(max) > 0 ? max : asked;
        }

        Duration delay(int failures) {
            Duration delay = first;
            for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }
}
