package ledger.api.infrastructure.persistence;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.api.application.reading.ReadAudit;
import ledger.core.shared.Actor;

/** The read audit in PostgreSQL ({@code personal_data_access}). */
@Component
class JdbcReadAudit implements ReadAudit {

    private final JdbcTemplate jdbc;

    JdbcReadAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(UUID memberId, Actor accessor, String purpose, String resource) {
        jdbc.update("INSERT INTO personal_data_access (member_id, accessor_principal, accessor_role, purpose,"
                + " resource) VALUES (?, ?, ?, ?, ?)", memberId, accessor.principal(), accessor.role(), purpose, resource);
    }

    @Override
    public List<Access> accessesOf(UUID memberId) {
        return jdbc.query("SELECT accessor_principal, accessor_role, purpose, resource, at FROM personal_data_access"
                        + " WHERE member_id = ? ORDER BY id",
                (rs, i) -> new Access(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), memberId);
    }
}
