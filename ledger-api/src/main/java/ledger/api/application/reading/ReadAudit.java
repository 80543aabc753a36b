package ledger.api.application.reading;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;

/**
 * Records every answer that reveals a member's personal data: who, when, which member, which
 * resource, for which declared purpose ({@code X-Purpose}). Recorded before the data leaves, so
 * no read goes unrecorded; a failure to record is a failure of the read. The port; the table is
 * infrastructure's ({@code JdbcReadAudit}).
 */
public interface ReadAudit {

    String HEADER = "X-Purpose";

    record Access(String accessorPrincipal, String accessorRole, String purpose, String resource, Instant at) {
    }

    void record(UUID memberId, Actor accessor, String purpose, String resource);

    List<Access> accessesOf(UUID memberId);

    /** The declared purpose of a read; refuses a read without one. */
    static String requirePurpose(String declared) {
        if (declared == null) {
            throw new PurposeRequired("the header X-Purpose is required to read personal data");
        }
        if (!Purposes.PATTERN.matcher(declared).matches()) {
            throw new PurposeRequired("X-Purpose must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
        return declared;
    }

    /** A read without a (well-formed) declared purpose. */
    final class PurposeRequired extends Refusal {
        PurposeRequired(String message) {
            super(Kind.INVALID, "purpose-required", message);
        }
    }

    /** What a declared purpose looks like. */
    final class Purposes {
        static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

        private Purposes() {
        }
    }
}
