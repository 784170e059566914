import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-verifies an audit export of the support desk offline, with nothing but a JDK (17 or later):
 *
 * <pre>java tools/AuditVerify.java export.ndjson audit-public-key.pem</pre>
 *
 * It recomputes every event's SHA-256 from the exported canonical bytes, follows each stream's chain, checks
 * every checkpoint's Ed25519 signature with the public key given (obtained independently of the export), the
 * checkpoints' own chain and Merkle roots, and that every stream still passes through every head a checkpoint
 * signed. docs/audit.md describes every byte. Exit status: 0 verified, 1 problems found, 2 unusable input.
 */
public class AuditVerify {

    static final byte[] ZERO = new byte[32];
    static final List<String> problems = new ArrayList<>();

    record Event(String aggregateId, long version, byte[] previousHash, byte[] hash) {}

    record Head(String aggregateId, long version, byte[] hash) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java tools/AuditVerify.java <export.ndjson> <public-key: PEM, base64 or the JSON of GET /api/audit/public-key>");
            System.exit(2);
        }
        PublicKey key = publicKey(Files.readString(Path.of(args[1])));
        Map<String, TreeMap<Long, Event>> streams = new TreeMap<>();
        List<String> checkpointLines = new ArrayList<>();
        boolean partial = false;
        long events = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String kind = field(line, "kind");
                if ("export".equals(kind)) {
                    partial = field(line, "from") != null || field(line, "to") != null;
                } else if ("event".equals(kind)) {
                    Event event = event(line);
                    if (event != null) {
                        events++;
                        Event twice = streams.computeIfAbsent(event.aggregateId(), id -> new TreeMap<>())
                                .put(event.version(), event);
                        if (twice != null) {
                            problem(event.aggregateId(), event.version(), "DUPLICATE");
                        }
                    }
                } else if ("checkpoint".equals(kind)) {
                    checkpointLines.add(line);
                } else {
                    problem(null, 0, "UNKNOWN_LINE");
                }
            }
        }
        for (Map.Entry<String, TreeMap<Long, Event>> stream : streams.entrySet()) {
            chain(stream.getKey(), stream.getValue(), partial);
        }
        int checkpoints = checkpoints(checkpointLines, key, streams, partial);
        System.out.printf(
                "%d streams, %d events, %d checkpoints%s%n",
                streams.size(), events, checkpoints, partial ? " (a time range: chains are checked within it)" : "");
        if (problems.isEmpty()) {
            System.out.println("VERIFIED");
            System.exit(0);
        }
        problems.forEach(System.out::println);
        System.out.println("NOT VERIFIED: " + problems.size() + " problem(s)");
        System.exit(1);
    }

    /** One event line: its canonical bytes say which stream, version and previous hash it claims. */
    static Event event(String line) {
        byte[] canonical = Base64.getDecoder().decode(field(line, "canonical"));
        ByteBuffer in = ByteBuffer.wrap(canonical);
        if (!"supportdesk.audit.event.v1".equals(text(in))) {
            problem(field(line, "aggregateId"), 0, "UNKNOWN_EVENT_LAYOUT");
            return null;
        }
        text(in); // aggregate type
        String aggregateId = text(in);
        long version = in.getLong();
        for (int i = 0; i < 5; i++) {
            bytes(in); // event id, time stamp, payload type, payload revision, payload
        }
        bytes(in); // metadata
        byte[] previous = bytes(in);
        byte[] hash = sha256(canonical);
        String stated = field(line, "hash");
        if (stated == null || !Arrays.equals(hash, HexFormat.of().parseHex(stated))) {
            problem(aggregateId, version, "HASH_MISMATCH");
        }
        return new Event(aggregateId, version, previous, hash);
    }

    static void chain(String id, TreeMap<Long, Event> events, boolean partial) {
        Event before = null;
        for (Event event : events.values()) {
            if (before == null) {
                if (event.version() == 1 && !Arrays.equals(event.previousHash(), ZERO)) {
                    problem(id, 1, "HASH_MISMATCH");
                } else if (event.version() != 1 && !partial) {
                    for (long v = 1; v < event.version(); v++) problem(id, v, "MISSING");
                }
            } else if (event.version() != before.version() + 1) {
                for (long v = before.version() + 1; v < event.version(); v++) problem(id, v, "MISSING");
            } else if (!Arrays.equals(event.previousHash(), before.hash())) {
                problem(id, event.version(), "HASH_MISMATCH");
            }
            before = event;
        }
    }

    static int checkpoints(List<String> lines, PublicKey key, Map<String, TreeMap<Long, Event>> streams, boolean partial)
            throws GeneralSecurityException {
        Map<String, Head> heads = new TreeMap<>();
        byte[] previous = ZERO;
        long expected = 1;
        Pattern headPattern = Pattern.compile(
                "\\{\"aggregateId\":\"((?:[^\"\\\\]|\\\\.)*)\",\"version\":(\\d+),\"hash\":\"([0-9a-f]{64})\"}");
        for (String line : lines) {
            byte[] signed = Base64.getDecoder().decode(field(line, "signedBytes"));
            byte[] signature = Base64.getDecoder().decode(field(line, "signature"));
            int at = line.indexOf("\"heads\":");
            Matcher matcher = headPattern.matcher(at < 0 ? "" : line.substring(at));
            List<Head> changed = new ArrayList<>();
            while (matcher.find()) {
                changed.add(new Head(unescape(matcher.group(1)), Long.parseLong(matcher.group(2)),
                        HexFormat.of().parseHex(matcher.group(3))));
            }
            changed.forEach(head -> heads.put(head.aggregateId(), head));
            ByteBuffer in = ByteBuffer.wrap(signed);
            long sequence = -1;
            boolean sound;
            try {
                sound = "supportdesk.audit.checkpoint.v1".equals(text(in));
                sequence = in.getLong();
                text(in); // signed at
                long streamCount = in.getLong();
                long eventCount = in.getLong();
                byte[] root = bytes(in);
                byte[] linked = bytes(in);
                in.getLong(); // chained by the migration
                List<Head> sorted = sorted(heads.values());
                sound = sound
                        && !in.hasRemaining()
                        && sequence == expected
                        && Arrays.equals(linked, previous)
                        && streamCount == sorted.size()
                        && eventCount == sorted.stream().mapToLong(Head::version).sum()
                        && Arrays.equals(root, merkleRoot(sorted))
                        && verifies(key, signed, signature);
            } catch (RuntimeException e) {
                sound = false;
            }
            if (!sound) {
                problem(null, sequence, "CHECKPOINT_INVALID");
            } else {
                for (Head head : changed) {
                    TreeMap<Long, Event> stream = streams.get(head.aggregateId());
                    Event event = stream == null ? null : stream.get(head.version());
                    if (event != null && !Arrays.equals(event.hash(), head.hash())) {
                        problem(head.aggregateId(), head.version(), "CHECKPOINT_MISMATCH");
                    } else if (event == null && !partial) {
                        long last = stream == null ? 0 : stream.lastKey();
                        if (last < head.version()) {
                            problem(head.aggregateId(), last + 1, "TRUNCATED");
                        }
                    }
                }
            }
            previous = sha256(signed);
            expected = sequence + 1;
        }
        return lines.size();
    }

    static List<Head> sorted(java.util.Collection<Head> heads) {
        return heads.stream()
                .sorted(Comparator.comparing(
                        Head::aggregateId,
                        (a, b) -> Arrays.compareUnsigned(
                                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))))
                .toList();
    }

    /** RFC 6962's Merkle tree hash over the heads' leaf bytes (docs/audit.md). */
    static byte[] merkleRoot(List<Head> heads) {
        if (heads.isEmpty()) {
            return sha256(new byte[0]);
        }
        List<byte[]> leaves = new ArrayList<>();
        for (Head head : heads) {
            byte[] leaf = concat(
                    field("supportdesk.audit.head.v1".getBytes(StandardCharsets.UTF_8)),
                    field(head.aggregateId().getBytes(StandardCharsets.UTF_8)),
                    ByteBuffer.allocate(8).putLong(head.version()).array(),
                    field(head.hash()));
            leaves.add(sha256(concat(new byte[] {0}, leaf)));
        }
        return node(leaves, 0, leaves.size());
    }

    static byte[] node(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int split = Integer.highestOneBit(to - from - 1);
        return sha256(concat(new byte[] {1}, node(leaves, from, from + split), node(leaves, from + split, to)));
    }

    static boolean verifies(PublicKey key, byte[] signed, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(signed);
        return verifier.verify(signature);
    }

    static PublicKey publicKey(String text) throws GeneralSecurityException {
        String value = text.trim();
        if (value.startsWith("{")) {
            value = field(value, "publicKey");
        }
        value = value.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(value)));
    }

    /** The first top-level-looking {@code "name": value} of a line: a string (unescaped), a number, or null. */
    static String field(String line, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\]]*)")
                .matcher(line);
        if (!matcher.find()) {
            return null;
        }
        if (matcher.group(2) != null) {
            return unescape(matcher.group(2));
        }
        String raw = matcher.group(1).trim();
        return raw.equals("null") ? null : raw;
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    static String text(ByteBuffer in) {
        byte[] bytes = bytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    static byte[] field(byte[] value) {
        return concat(ByteBuffer.allocate(4).putInt(value.length).array(), value);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) out.put(part);
        return out.array();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void problem(String aggregateId, long version, String kind) {
        problems.add(kind + " " + (aggregateId == null ? "-" : aggregateId) + " " + version);
    }
}
