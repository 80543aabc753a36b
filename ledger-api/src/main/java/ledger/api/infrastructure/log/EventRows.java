package ledger.api.infrastructure.log;

import java.sql.ResultSet;
import java.sql.SQLException;

import ledger.core.log.EventRow;

/** The columns of domain_event_entry that a leaf covers, read the same way by the sequencer and the verifier. */
final class EventRows {

    /** The nine covered columns of {@code domain_event_entry e}, in {@link EventRow}'s order. */
    static final String COLUMNS = "e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,"
            + " e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data";

    private EventRows() {
    }

    /** The row whose covered columns start at column {@code first}. */
    static EventRow read(ResultSet rs, int first) throws SQLException {
        return new EventRow(rs.getString(first), rs.getString(first + 1), rs.getLong(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                rs.getBytes(first + 7), rs.getBytes(first + 8));
    }
}
