package dev.supportdesk.ticket.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export re-verified offline by the project's own command ({@code java tools/AuditVerify.java}), with a JDK
 * alone: clean, then altered as someone who holds the file might alter it.
 */
class AuditExportIT extends CommandApiTestSupport {

    private static final Path VERIFIER = Path.of("..", "tools", "AuditVerify.java");

    @TempDir
    Path directory;

    record Run(int exit, String output) {}

    private Run offlineVerify(List<String> lines) throws Exception {
        Path export = directory.resolve("export-" + System.nanoTime() + ".ndjson");
        Files.write(export, lines, StandardCharsets.UTF_8);
        Path key = directory.resolve("audit-public-key.json");
        Answer publicKey = call("GET", "/api/audit/public-key").as("ana").send();
        assertThat(publicKey.status()).as(publicKey.body()).isEqualTo(200);
        Files.writeString(key, publicKey.body());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), VERIFIER.toString(), export.toString(), key.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** Tickets opened and noted from {@code since} on, a checkpoint over them, then one more note. */
    private List<String> exportSince(Instant since, String ticketId) {
        Answer export =
                call("GET", "/api/audit/export?from=" + since).as("audrey").send();
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).contains("\"kind\":\"export\"");
        assertThat(lines)
                .filteredOn(line ->
                        line.contains("\"kind\":\"event\"") && line.contains("\"aggregateId\":\"" + ticketId + "\""))
                .hasSize(5);
        assertThat(lines).anyMatch(line -> line.contains("\"kind\":\"checkpoint\""));
        return lines;
    }

    private String noted(String id) {
        Answer note = post("/api/tickets/" + id + "/replies", "{\"body\":\"noted\",\"visibility\":\"INTERNAL\"}")
                .as("alice")
                .send();
        assertThat(note.status()).isEqualTo(200);
        return id;
    }

    @Test
    void anExportVerifiesOfflineAndEveryAlterationOfItIsReported() throws Exception {
        String id = noted(openTicket()); // versions 1..4
        // Events carry the store's own time stamps: the ticket's first one starts the exported range.
        Instant since = Instant.parse(call("GET", "/api/tickets/" + id + "/history")
                .as("audrey")
                .send()
                .json()
                .get("events")
                .get(0)
                .get("occurredAt")
                .asText());
        Answer checkpoint = post("/api/audit/checkpoints", "").as("admin").send();
        assertThat(checkpoint.status()).as(checkpoint.body()).isEqualTo(201);
        noted(id); // version 5, after the checkpoint
        List<String> lines = exportSince(since, id);

        Run clean = offlineVerify(lines);
        assertThat(clean.output()).contains("VERIFIED").doesNotContain("NOT VERIFIED");
        assertThat(clean.exit()).isZero();

        // One byte of one event's hashed bytes changed: that event's hash no longer holds.
        List<String> flipped = alter(lines, id, 2, canonical -> canonical[canonical.length - 40] ^= 1, false);
        Run changed = offlineVerify(flipped);
        assertThat(changed.exit()).as(changed.output()).isEqualTo(1);
        assertThat(changed.output()).contains("HASH_MISMATCH " + id + " 2").doesNotContain("CHECKPOINT");

        // The same change with that hash and every later one recomputed: the signed checkpoint still knows.
        List<String> rewritten = alter(lines, id, 2, canonical -> canonical[canonical.length - 40] ^= 1, true);
        Run rewrite = offlineVerify(rewritten);
        assertThat(rewrite.exit()).as(rewrite.output()).isEqualTo(1);
        assertThat(rewrite.output())
                .contains("CHECKPOINT_MISMATCH " + id + " 4")
                .doesNotContain("HASH_MISMATCH");

        // A checkpoint's recorded head changed to match: its signature and Merkle root no longer hold.
        List<String> forged = new ArrayList<>();
        for (String line : rewritten) {
            forged.add(
                    line.contains("\"kind\":\"checkpoint\"")
                            ? line.replace(hashOf(lines, id, 4), hashOf(rewritten, id, 4))
                            : line);
        }
        Run forgedRun = offlineVerify(forged);
        assertThat(forgedRun.exit()).as(forgedRun.output()).isEqualTo(1);
        assertThat(forgedRun.output()).contains("CHECKPOINT_INVALID");
    }

    interface Change {
        void apply(byte[] canonical);
    }

    private static String hashOf(List<String> lines, String id, long version) throws IOException {
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if ("event".equals(node.get("kind").asText())
                    && id.equals(node.get("aggregateId").asText())
                    && node.get("version").asLong() == version) {
                return node.get("hash").asText();
            }
        }
        throw new IllegalStateException("no event " + id + " " + version);
    }

    /**
     * Changes the canonical bytes of one event; with {@code rechain}, recomputes its hash and, for every later
     * event of the stream, the previous hash at the end of its bytes (the last 32 bytes) and its own hash.
     */
    private static List<String> alter(List<String> lines, String id, long version, Change change, boolean rechain)
            throws Exception {
        List<String> out = new ArrayList<>();
        byte[] previous = null;
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            boolean ours = "event".equals(node.get("kind").asText())
                    && id.equals(node.get("aggregateId").asText());
            long at = ours ? node.get("version").asLong() : -1;
            if (!ours || at < version || (!rechain && at > version)) {
                out.add(line);
                continue;
            }
            ObjectNode event = (ObjectNode) node;
            byte[] canonical = Base64.getDecoder().decode(event.get("canonical").asText());
            if (at == version) {
                change.apply(canonical);
            } else {
                System.arraycopy(previous, 0, canonical, canonical.length - 32, 32);
                event.put("previousHash", HexFormat.of().formatHex(previous));
            }
            event.put("canonical", Base64.getEncoder().encodeToString(canonical));
            if (rechain) {
                previous = MessageDigest.getInstance("SHA-256").digest(canonical);
                event.put("hash", HexFormat.of().formatHex(previous));
            }
            out.add(JSON.writeValueAsString(event));
        }
        return out;
    }
}
