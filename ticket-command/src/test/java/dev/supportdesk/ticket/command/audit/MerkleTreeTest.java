package dev.supportdesk.ticket.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.supportdesk.ticket.command.eventstore.CanonicalBytes;
import dev.supportdesk.ticket.command.eventstore.ChainStore.Head;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static Head head(String id, long version) {
        return new Head(id, "Ticket", version, CanonicalBytes.sha256(id.getBytes()));
    }

    private static byte[] leaf(Head head) {
        return CanonicalBytes.sha256(concat(new byte[] {0}, MerkleTree.leaf(head)));
    }

    private static byte[] node(byte[] left, byte[] right) {
        return CanonicalBytes.sha256(concat(new byte[] {1}, left, right));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void theTreeIsRfc6962sOverHeadsSortedByTheirIdsBytes() {
        Head a = head("T-1", 3);
        Head b = head("T-10", 1);
        Head c = head("T-2", 7);
        List<Head> sorted = MerkleTree.sorted(List.of(c, a, b));
        assertThat(sorted).containsExactly(a, b, c);

        assertThat(MerkleTree.root(List.of())).isEqualTo(CanonicalBytes.sha256(new byte[0]));
        assertThat(MerkleTree.root(List.of(a))).isEqualTo(leaf(a));
        // three leaves split after two: ((a b) c)
        assertThat(MerkleTree.root(sorted)).isEqualTo(node(node(leaf(a), leaf(b)), leaf(c)));
        Head d = head("T-3", 2);
        Head e = head("T-4", 2);
        // five split after four: (((a b) (c d)) e)
        assertThat(MerkleTree.root(List.of(a, b, c, d, e)))
                .isEqualTo(node(node(node(leaf(a), leaf(b)), node(leaf(c), leaf(d))), leaf(e)));
    }

    @Test
    void anyChangedHeadChangesTheRoot() {
        List<Head> heads = List.of(head("T-1", 3), head("T-2", 4));
        assertThat(MerkleTree.root(List.of(head("T-1", 3), head("T-2", 5)))).isNotEqualTo(MerkleTree.root(heads));
    }
}
