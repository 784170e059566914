package dev.supportdesk.ticket.command.audit;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Merkle tree of a checkpoint over every stream's head, shaped as Certificate Transparency's (RFC 6962,
 * section 2.1): a leaf is SHA-256(0x00 || leaf bytes), a node SHA-256(0x01 || left || right), a list of n > 1
 * leaves splits at the largest power of two below n, and the empty tree's root is SHA-256 of nothing. The
 * leaves are the heads sorted by the UTF-8 bytes of their aggregate id (unsigned, byte by byte).
 */
final class MerkleTree {

    static final Comparator<String> BY_UTF8 =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private MerkleTree() {}

    static List<Head> sorted(Collection<Head> heads) {
        return heads.stream()
                .sorted(Comparator.comparing(Head::aggregateId, BY_UTF8))
                .toList();
    }

    /** The leaf bytes of one head: its aggregate id (length-prefixed UTF-8), version, hash (length-prefixed). */
    static byte[] leaf(Head head) {
        return CanonicalBytes.start("supportdesk.audit.head.v1")
                .text(head.aggregateId())
                .number(head.version())
                .bytes(head.hash())
                .toByteArray();
    }

    /** The root over heads already sorted with {@link #sorted}. */
    static byte[] root(List<Head> sortedHeads) {
        byte[][] leaves = sortedHeads.stream()
                .map(head -> CanonicalBytes.sha256(prefixed((byte) 0, leaf(head))))
                .toArray(byte[][]::new);
        return leaves.length == 0 ? CanonicalBytes.sha256(new byte[0]) : root(leaves, 0, leaves.length);
    }

    private static byte[] root(byte[][] leafHashes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leafHashes[from];
        }
        int split = Integer.highestOneBit(n - 1);
        byte[] left = root(leafHashes, from, from + split);
        byte[] right = root(leafHashes, from + split, to);
        byte[] node = new byte[1 + left.length + right.length];
        node[0] = 1;
        System.arraycopy(left, 0, node, 1, left.length);
        System.arraycopy(right, 0, node, 1 + left.length, right.length);
        return CanonicalBytes.sha256(node);
    }

    private static byte[] prefixed(byte prefix, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = prefix;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}
