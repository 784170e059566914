package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs checkpoints of every stream's head and keeps them (docs/audit.md). A checkpoint's heads are the head
 * table's, read in one snapshot; a stream the head table no longer names keeps the head an earlier checkpoint
 * gave it, so that a stream deleted with its head is still expected by every later checkpoint.
 */
class Checkpoints {

    /** Two-key advisory lock class of checkpoint signing (one signer at a time across instances). */
    private static final int LOCK_CLASS = 0x41554454;

    private final JdbcTemplate jdbc;
    private final ChainStore chain;
    private final Optional<CheckpointSigner> signer;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Checkpoints(
            JdbcTemplate jdbc,
            ChainStore chain,
            Optional<CheckpointSigner> signer,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.signer = signer;
        // Read committed: each read after the lock sees what the signer before committed (a repeatable-read
        // snapshot would be taken before the lock is granted). The heads are one statement, so one snapshot.
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    Optional<CheckpointSigner> signer() {
        return signer;
    }

    /**
     * Signs a checkpoint of the store as it is now. With {@code onlyIfChanged}, answers empty when nothing
     * changed since the last checkpoint (the periodic job). Fails when no signing key is configured.
     */
    Optional<Checkpoint> sign(boolean onlyIfChanged) {
        CheckpointSigner key = signer.orElseThrow(NoSigningKeyException::new);
        return transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?, 0)", LOCK_CLASS);
            List<Checkpoint> earlier = all();
            Map<String, Head> previousHeads = headsAfter(earlier);
            Map<String, Head> heads = new TreeMap<>(previousHeads);
            heads.putAll(chain.heads());
            List<Head> changed = new ArrayList<>();
            for (Head head : heads.values()) {
                Head before = previousHeads.get(head.aggregateId());
                if (before == null
                        || before.version() != head.version()
                        || !Arrays.equals(before.hash(), head.hash())) {
                    changed.add(head);
                }
            }
            if (onlyIfChanged && !earlier.isEmpty() && changed.isEmpty()) {
                return Optional.<Checkpoint>empty();
            }
            List<Head> sorted = MerkleTree.sorted(heads.values());
            long events = sorted.stream().mapToLong(Head::version).sum();
            byte[] root = MerkleTree.root(sorted);
            Checkpoint last = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
            long sequence = last == null ? 1 : last.sequence() + 1;
            byte[] previous = last == null ? CanonicalBytes.ZERO_HASH : last.hash();
            // The first checkpoint records how many events the migration chained after the fact.
            long chainedByMigration = last == null ? chain.chainedByMigration() : 0;
            Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            byte[] signed = Checkpoint.signedBytes(
                    sequence, signedAt, sorted.size(), events, root, previous, chainedByMigration);
            byte[] signature = key.sign(signed);
            Checkpoint checkpoint = new Checkpoint(
                    sequence,
                    signedAt,
                    sorted.size(),
                    events,
                    root,
                    previous,
                    chainedByMigration,
                    key.keyId(),
                    signed,
                    signature,
                    List.copyOf(changed));
            store(checkpoint);
            return Optional.of(checkpoint);
        });
    }

    private void store(Checkpoint checkpoint) {
        jdbc.update(
                """
                INSERT INTO audit_checkpoint (sequence, signed_at, streams, events, merkle_root, previous_hash,
                    chained_by_migration, key_id, signed_bytes, signature, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                checkpoint.sequence(),
                Timestamp.from(checkpoint.signedAt()),
                checkpoint.streams(),
                checkpoint.events(),
                checkpoint.merkleRoot(),
                checkpoint.previousHash(),
                checkpoint.chainedByMigration(),
                checkpoint.keyId(),
                checkpoint.signedBytes(),
                checkpoint.signature(),
                checkpoint.hash());
        jdbc.batchUpdate(
                "INSERT INTO audit_checkpoint_head (aggregate_identifier, checkpoint_sequence, version, hash) VALUES (?, ?, ?, ?)",
                checkpoint.changedHeads(),
                500,
                (statement, head) -> {
                    statement.setString(1, head.aggregateId());
                    statement.setLong(2, checkpoint.sequence());
                    statement.setLong(3, head.version());
                    statement.setBytes(4, head.hash());
                });
    }

    /** Every stored checkpoint in sequence order, each with the heads that changed with it. */
    List<Checkpoint> all() {
        Map<Long, List<Head>> changed = new HashMap<>();
        jdbc.query("SELECT aggregate_identifier, checkpoint_sequence, version, hash FROM audit_checkpoint_head", rs -> {
            changed.computeIfAbsent(rs.getLong("checkpoint_sequence"), s -> new ArrayList<>())
                    .add(new Head(
                            rs.getString("aggregate_identifier"), null, rs.getLong("version"), rs.getBytes("hash")));
        });
        return jdbc.query(
                """
                SELECT sequence, signed_at, streams, events, merkle_root, previous_hash, chained_by_migration, key_id,
                       signed_bytes, signature
                FROM audit_checkpoint ORDER BY sequence""",
                (rs, row) -> new Checkpoint(
                        rs.getLong("sequence"),
                        rs.getTimestamp("signed_at").toInstant(),
                        rs.getLong("streams"),
                        rs.getLong("events"),
                        rs.getBytes("merkle_root"),
                        rs.getBytes("previous_hash"),
                        rs.getLong("chained_by_migration"),
                        rs.getString("key_id"),
                        rs.getBytes("signed_bytes"),
                        rs.getBytes("signature"),
                        List.copyOf(changed.getOrDefault(rs.getLong("sequence"), List.of()))));
    }

    /** Checkpoints not yet acknowledged by the Kafka topic, in sequence order. */
    List<Long> unpublished() {
        return jdbc.queryForList(
                "SELECT sequence FROM audit_checkpoint WHERE NOT published ORDER BY sequence", Long.class);
    }

    void markPublished(long sequence) {
        jdbc.update("UPDATE audit_checkpoint SET published = TRUE WHERE sequence = ?", sequence);
    }

    /** The full head set after the given checkpoints, applying each one's changed heads in order. */
    static Map<String, Head> headsAfter(List<Checkpoint> checkpoints) {
        Map<String, Head> heads = new TreeMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            for (Head head : checkpoint.changedHeads()) {
                heads.put(head.aggregateId(), head);
            }
        }
        return heads;
    }

    /** No signing key is configured: checkpoints cannot be signed (answered 503). */
    static final class NoSigningKeyException extends RuntimeException {
        NoSigningKeyException() {
            super("No audit signing key is configured (support.audit.signing-key or signing-key-file)");
        }
    }
}
