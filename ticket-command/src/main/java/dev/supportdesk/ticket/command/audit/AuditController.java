package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.platform.security.Access;
import dev.supportdesk.platform.security.Actor;
import dev.supportdesk.platform.web.ApiProblem;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit chain's verification and signed checkpoints (docs/audit.md): one stream at once, the whole store as
 * a job, the checkpoints and the key that signs them.
 */
@RestController
class AuditController {

    record CheckpointList(List<CheckpointView> items) {}

    record PublicKeyView(String algorithm, String keyId, String publicKey, String pem) {}

    private static final Pattern JOB_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern AGGREGATE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    private final AuditVerification verification;
    private final VerificationJobs jobs;
    private final Checkpoints checkpoints;
    private final CheckpointPublisher publisher;

    AuditController(
            AuditVerification verification,
            VerificationJobs jobs,
            Checkpoints checkpoints,
            CheckpointPublisher publisher) {
        this.verification = verification;
        this.jobs = jobs;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
    }

    /**
     * With a ticket id: that stream, checked at once. Without: the last finished whole-store verification's
     * result; when none has finished yet, a job is started (or the running one named) and answered 202.
     */
    @GetMapping("/api/audit/verify")
    @PreAuthorize(Access.AUDIT)
    ResponseEntity<?> verify(@RequestParam(required = false) String ticketId) {
        if (ticketId != null) {
            if (!AGGREGATE_ID.matcher(ticketId).matches()) {
                throw ApiProblem.badRequest("ticketId", "must be a stream id: letters, digits and . _ : -");
            }
            return verification
                    .verify(ticketId)
                    .map(result -> ResponseEntity.ok(VerificationView.of(result, null, null)))
                    .orElseThrow(() -> ApiProblem.notFound("The event store has never held " + ticketId));
        }
        var done = jobs.latest(VerificationJobs.State.DONE);
        if (done.isPresent() && done.get().result() != null) {
            return ResponseEntity.ok(done.get().result().deepCopy());
        }
        return accepted(jobs.start(Actor.current().name()));
    }

    @PostMapping("/api/audit/verify")
    @PreAuthorize(Access.AUDIT)
    ResponseEntity<VerificationJobs.Job> startVerification() {
        return accepted(jobs.start(Actor.current().name()));
    }

    @GetMapping("/api/audit/verify/{id}")
    @PreAuthorize(Access.AUDIT)
    VerificationJobs.Job verification(@PathVariable String id) {
        if (!JOB_ID.matcher(id).matches()) {
            throw ApiProblem.notFound("No such verification");
        }
        return jobs.find(id).orElseThrow(() -> ApiProblem.notFound("No such verification"));
    }

    @GetMapping("/api/audit/checkpoints")
    @PreAuthorize(Access.AUDIT)
    CheckpointList checkpoints() {
        return new CheckpointList(
                checkpoints.all().stream().map(CheckpointView::of).toList());
    }

    @PostMapping("/api/audit/checkpoints")
    @PreAuthorize(Access.ADMINISTER)
    ResponseEntity<CheckpointView> signCheckpoint() {
        if (checkpoints.signer().isEmpty()) {
            throw noKey();
        }
        Checkpoint checkpoint = checkpoints.sign(false).orElseThrow();
        publisher.wake();
        return ResponseEntity.created(URI.create("/api/audit/checkpoints")).body(CheckpointView.of(checkpoint));
    }

    @GetMapping("/api/audit/public-key")
    @PreAuthorize(Access.EXPORT_AUDIT)
    PublicKeyView publicKey() {
        CheckpointSigner signer = checkpoints.signer().orElseThrow(AuditController::noKey);
        String base64 = Base64.getEncoder().encodeToString(signer.publicKeyX509());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
        return new PublicKeyView(CheckpointSigner.ALGORITHM, signer.keyId(), base64, pem);
    }

    private static ResponseEntity<VerificationJobs.Job> accepted(VerificationJobs.Job job) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/audit/verify/" + job.id()))
                .body(job);
    }

    private static ApiProblem noKey() {
        return ApiProblem.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "No signing key",
                "This service has no audit signing key configured, so it signs no checkpoints");
    }
}
