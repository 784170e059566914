package dev.supportdesk.ticket.query.report;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Report rows as RFC 4180 CSV: a header row with the JSON rows' field names in their order, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break (its quotes doubled), null as an empty field.
 */
public final class Csv {

    private static final String CRLF = "\r\n";

    private Csv() {}

    public static String of(Class<? extends Record> type, List<? extends Record> rows) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            csv.append(i == 0 ? "" : ",").append(field(columns[i].getName()));
        }
        csv.append(CRLF);
        for (Record row : rows) {
            for (int i = 0; i < columns.length; i++) {
                csv.append(i == 0 ? "" : ",").append(field(value(columns[i], row)));
            }
            csv.append(CRLF);
        }
        return csv.toString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String value(RecordComponent column, Record row) {
        try {
            Method accessor = column.getAccessor();
            // rows of other packages' reports are package-private records
            accessor.setAccessible(true);
            Object value = accessor.invoke(row);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("report row " + row + " is not readable", e);
        }
    }
}
