package dev.supportdesk.benchmarks;

import java.nio.charset.StandardCharsets;

/** About 1 KB of JSON, the size of a stored ticket event with its metadata, for the raw baselines. */
final class Payloads {

    static final int TARGET_BYTES = 1024;

    private Payloads() {}

    static byte[] event(int i) {
        StringBuilder json = new StringBuilder(TARGET_BYTES + 64)
                .append("{\"type\":\"TicketOpenedEvent\",\"ticketId\":\"bench-")
                .append(i)
                .append("\",\"version\":1,\"actor\":{\"name\":\"alice\",\"role\":\"AGENT\"}")
                .append(",\"subject\":\"Printer error E")
                .append(100 + i % 50)
                .append("\",\"description\":\"");
        String words =
                "Customer reports that the printer on floor " + (i % 12) + " shows an error after the driver update. ";
        while (json.length() < TARGET_BYTES - 2) {
            json.append(words);
        }
        json.setLength(TARGET_BYTES - 2);
        json.append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
