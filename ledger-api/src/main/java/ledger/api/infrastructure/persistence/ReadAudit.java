package ledger.api.infrastructure.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;

/**
 * Records every answer that reveals a member's personal data: who, when, which member, which
 * resource, for which declared purpose ({@code X-Purpose}). Recorded before the data leaves, so
 * no read goes unrecorded; a failure to record is a failure of the read.
 */
@Component
public class ReadAudit {

    public static final String HEADER = "X-Purpose";
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public record Access(String accessorPrincipal, String accessorRole, String purpose, String resource, Instant at) {
    }

    private final JdbcTemplate jdbc;

    ReadAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The declared purpose of a read; refuses a read without one. */
    public static String requirePurpose(String declared) {
        if (declared == null) {
            throw new PurposeRequired("the header X-Purpose is required to read personal data");
        }
        if (!PURPOSE.matcher(declared).matches()) {
            throw new PurposeRequired("X-Purpose must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        return declared;
    }

    public void record(UUID memberId, Actor accessor, String purpose, String resource) {
        jdbc.update("INSERT INTO personal_data_access (member_id, accessor_principal, accessor_role, purpose,"
                + " resource) VALUES (?, ?, ?, ?, ?)", memberId, accessor.principal(), accessor.role(), purpose, resource);
    }

    public List<Access> accessesOf(UUID memberId) {
        return jdbc.query("SELECT accessor_principal, accessor_role, purpose, resource, at FROM personal_data_access"
                        + " WHERE member_id = ? ORDER BY id",
                (rs, i) -> new Access(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), memberId);
    }

    static final class PurposeRequired extends Refusal {
        PurposeRequired(String message) {
            super(Kind.INVALID, "purpose-required", message);
        }
    }
}
