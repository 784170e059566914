package dev.supportdesk.platform.consumer;

import dev.supportdesk.platform.consumer.ParkedEvent.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Keeps a consumed record whole in the parked table and turns it back into a record for a retry. */
final class RawRecords {

    private RawRecords() {}

    static RawRecord of(ConsumerRecord<String, byte[]> record) {
        return new RawRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                storable(record.key()),
                record.value(),
                headers(record));
    }

    static ConsumerRecord<String, byte[]> toRecord(RawRecord raw) {
        RecordHeaders headers = new RecordHeaders();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw.headers()))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                int length = in.readInt();
                headers.add(key, length < 0 ? null : in.readNBytes(length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("parked record headers are unreadable", e);
        }
        return new ConsumerRecord<>(
                raw.topic(),
                raw.partition(),
                raw.offset(),
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                raw.key(),
                raw.value(),
                headers,
                Optional.empty());
    }

    /** Text the database can hold: a NUL becomes the six characters {@code \u0000}. */
    static String storable(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }

    private static byte[] headers(ConsumerRecord<String, byte[]> record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Header[] all = record.headers().toArray();
            out.writeInt(all.length);
            for (Header header : all) {
                byte[] key = header.key().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                if (header.value() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(header.value().length);
                    out.write(header.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
