package dev.supportdesk.sla.monitor.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;

/**
 * The db-scheduler task that runs Axon's deadlines, with a shorter retry than Axon's.
 * <p>
 * Axon 4.13 wires {@link DbSchedulerDeadlineManager} by itself when a db-scheduler {@code Scheduler} exists
 * ({@code AxonDbSchedulerAutoConfiguration}); when a deadline handler fails, the manager rolls back its unit of work
 * and throws, and the task it registers keeps db-scheduler's default for one-time tasks: retry every 5 minutes, for
 * ever. A breach that ticket-command could not take for a moment should not wait 5 minutes, so this task (which
 * replaces Axon's through its qualifier) retries after 5 s, doubling up to 5 minutes, still for ever: an SLA breach
 * must eventually be recorded.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineRetryConfiguration {

    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context,
            @Value("${sla-monitor.deadline.first-retry:PT5S}") Duration firstRetry,
            @Value("${sla-monitor.deadline.max-retry:PT5M}") Duration maxRetry) {
        Task<DbSchedulerBinaryDeadlineDetails> axonTask =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axonTask.getName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new CappedBackoff(firstRetry, maxRetry))
                .execute((instance, executionContext) -> axonTask.execute(instance, executionContext));
    }

    /** Reschedules a failed deadline after {@code first * 2^(failures-1)}, at most {@code max}. */
    static final class CappedBackoff implements FailureHandler<DbSchedulerBinaryDeadlineDetails> {

        private static final Logger log = LoggerFactory.getLogger(CappedBackoff.class);

        private final Duration first;
        private final Duration max;

        CappedBackoff(Duration first, Duration max) {
            this.first = first;
            this.max = max;
        }

        @Override
        public void onFailure(ExecutionComplete complete,
                              ExecutionOperations<DbSchedulerBinaryDeadlineDetails> operations) {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Duration delay = delay(failures);
            Instant next = complete.getTimeDone().plus(delay);
            log.warn("Deadline {} failed {} time(s) in a row; retrying at {}",
                    complete.getExecution().taskInstance.getId(), failures, next);
            operations.reschedule(complete, next);
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
