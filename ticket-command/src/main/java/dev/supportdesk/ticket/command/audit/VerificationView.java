package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.audit.ChainVerifier.Problem;
import java.time.Instant;
import java.util.List;

/** A verification's answer; problems name {@code ticketId} for ticket streams (docs/api.md). */
record VerificationView(
        boolean verified,
        long ticketsChecked,
        long eventsChecked,
        int checkpointsChecked,
        List<ProblemView> problems,
        String jobId,
        Instant finishedAt) {

    static VerificationView of(AuditVerification.Result result, String jobId, Instant finishedAt) {
        return new VerificationView(
                result.verified(),
                result.ticketsChecked(),
                result.eventsChecked(),
                result.checkpointsChecked(),
                result.problems().stream().map(ProblemView::of).toList(),
                jobId,
                finishedAt);
    }

    /** One problem; {@code checkpoint} names the checkpoint a CHECKPOINT_INVALID is about. */
    record ProblemView(
            String ticketId, String aggregateType, String aggregateId, Long version, String kind, Long checkpoint) {
        static ProblemView of(Problem problem) {
            if (problem.kind() == ChainVerifier.Kind.CHECKPOINT_INVALID) {
                return new ProblemView(null, null, null, null, problem.kind().name(), problem.version());
            }
            boolean ticket = problem.aggregateType() == null || "Ticket".equals(problem.aggregateType());
            return new ProblemView(
                    ticket ? problem.aggregateId() : null,
                    problem.aggregateType(),
                    problem.aggregateId(),
                    problem.version(),
                    problem.kind().name(),
                    null);
        }
    }
}
