package ledger.api.http.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** RFC 4180 lines, with spreadsheet formula injection neutralised. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    /** A header line and one line per row, UTF-8. */
    public static byte[] table(List<String> header, List<Object[]> rows) {
        StringBuilder csv = new StringBuilder(line(header.toArray()));
        for (Object[] row : rows) {
            csv.append(line(row));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String line(Object... values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values[i]));
        }
        return line.append("\r\n").toString();
    }

    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
