package ledger.api.infrastructure.persistence;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberId;
import ledger.core.request.RequestBook;
import ledger.core.request.RequestId;
import ledger.core.request.RequestType;

/**
 * The request book in two tables. JdbcTemplate joins the command's transaction, so an opened,
 * claimed or closed request commits with its event; the primary key of {@code request_answer}
 * makes a concurrent claim of the same member event on another node wait, then find it taken.
 */
@Component
class JdbcRequestBook implements RequestBook {

    private final JdbcTemplate jdbc;

    JdbcRequestBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(RequestId request, MemberId member, RequestType type, java.time.Instant receivedAt) {
        jdbc.update("INSERT INTO request_book (request_id, member_id, type, received_at) VALUES (?, ?, ?, ?)",
                request.value(), member.value(), type.name(), Timestamp.from(receivedAt));
    }

    @Override
    public boolean claimAnswer(MemberId member, long sequence, RequestId request) {
        return jdbc.update("INSERT INTO request_answer (member_id, seq, request_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", member.value(), sequence, request.value()) == 1;
    }

    @Override
    public boolean answered(MemberId member, long sequence) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM request_answer WHERE member_id = ? AND seq = ?",
                Integer.class, member.value(), sequence);
        return count != null && count > 0;
    }

    @Override
    public void close(RequestId request) {
        jdbc.update("DELETE FROM request_book WHERE request_id = ?", request.value());
    }

    @Override
    public List<OpenRequest> openOf(MemberId member) {
        return jdbc.query("SELECT request_id, type, received_at FROM request_book WHERE member_id = ?"
                        + " ORDER BY received_at, request_id",
                (rs, i) -> new OpenRequest(RequestId.of(rs.getObject(1, UUID.class)), RequestType.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant()), member.value());
    }
}
