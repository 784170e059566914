package dev.supportdesk.ticket.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class StreamKeyViolationResolverTest {

    private final StreamKeyViolationResolver resolver = new StreamKeyViolationResolver();

    private static PSQLException serverError(String sqlState, String constraint) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState
                + "\0Mduplicate key value violates unique constraint \"" + constraint + "\"\0n" + constraint + "\0"));
    }

    /** What pgjdbc throws for a failed batch: the server's error only as text and as the next exception. */
    private static BatchUpdateException batchFailure(PSQLException server) {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO domain_event_entry was aborted: " + server.getMessage(),
                server.getSQLState(),
                new int[0]);
        batch.setNextException(server);
        return batch;
    }

    @Test
    void aDuplicateStreamKeyIsAConcurrentAppend() {
        assertThat(resolver.isDuplicateKeyViolation(serverError("23505", "domain_event_entry_stream")))
                .isTrue();
    }

    @Test
    void aDuplicateStreamKeyIsFoundInsideABatchFailureAndBehindWrappers() {
        BatchUpdateException batch = batchFailure(serverError("23505", "domain_event_entry_stream"));
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch)))
                .isTrue();
        // the batch's own text names the constraint even when its next exception is gone
        BatchUpdateException textOnly = new BatchUpdateException(batch.getMessage(), "23505", new int[0]);
        assertThat(resolver.isDuplicateKeyViolation(textOnly)).isTrue();
    }

    @Test
    void aDuplicateOfAnotherKeyIsNoConcurrentAppend() {
        PSQLException eventId = serverError("23505", "domain_event_entry_event_identifier_key");
        assertThat(resolver.isDuplicateKeyViolation(eventId)).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(batchFailure(eventId))).isFalse();
    }

    @Test
    void otherFailuresAreNoConcurrentAppend() {
        assertThat(resolver.isDuplicateKeyViolation(serverError("23503", "domain_event_entry_stream")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("connection reset", "08006")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no cause")))
                .isFalse();
    }
}
