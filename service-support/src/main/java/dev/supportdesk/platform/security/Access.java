package dev.supportdesk.platform.security;

/**
 * The roles table of the public API as {@code @PreAuthorize} expressions, in one place for every service:
 * {@code @PreAuthorize(Access.READ_TICKETS)}.
 */
public final class Access {

    /** Read tickets, their history and queues. */
    public static final String READ_TICKETS = "hasAnyRole('AGENT','SUPERVISOR','ANALYST','AUDITOR','ADMIN')";
    /** Read the global event feed: analysts and auditors (the same events as the audit export), admins. */
    public static final String READ_FEED = "hasAnyRole('ANALYST','AUDITOR','ADMIN')";
    /** Open tickets and send ticket commands. */
    public static final String WORK_TICKETS = "hasAnyRole('AGENT','SUPERVISOR','ADMIN')";
    /** Reassign any ticket, escalate by hand. */
    public static final String SUPERVISE = "hasAnyRole('SUPERVISOR','ADMIN')";
    /** See the read models' progress and parked events. */
    public static final String WATCH_PROJECTIONS = "hasAnyRole('ANALYST','ADMIN')";
    /** Read the audit trail, its verification and its signed checkpoints. */
    public static final String AUDIT = "hasAnyRole('AUDITOR','ADMIN')";
    /** Export the event store with its audit hashes, and read the key that signs the checkpoints. */
    public static final String EXPORT_AUDIT = "hasAnyRole('AUDITOR','ADMIN','ANALYST')";
    /** Read the reports (docs/api.md: analysts and admins). */
    public static final String READ_REPORTS = "hasAnyRole('ANALYST','ADMIN')";
    /** Rebuild a read model from the first event. */
    public static final String REPLAY_PROJECTIONS = "hasAnyRole('ANALYST','ADMIN')";
    /**
     * Read the SLA policies and calendars in force: analysts start their what-if questions from them, and auditors
     * read every policy and calendar change in the feed and the audit trail already. Changing them is
     * {@link #ADMINISTER}.
     */
    public static final String READ_SLA_CONFIGURATION = "hasAnyRole('ANALYST','AUDITOR','ADMIN')";
    /** What only an administrator may do: apply a parked event again, change the SLA configuration. */
    public static final String ADMINISTER = "hasRole('ADMIN')";
    /** The platform's own processes: record SLA warnings and breaches. */
    public static final String PLATFORM = "hasRole('SYSTEM')";

    private Access() {}
}
