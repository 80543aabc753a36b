package ledger.api.http.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ledger.api.application.consent.ConsentGrant;
import ledger.api.http.support.Fields;
import ledger.core.member.MembershipEndReason;
import ledger.core.member.Usernames;

/** The JSON bodies of the member endpoints, validated before any command is sent. */
final class MemberRequests {

    static final String PRINTABLE = Fields.PRINTABLE;
    static final String EMAIL = Fields.EMAIL;
    static final String USERNAME = Usernames.PATTERN;

    private MemberRequests() {
    }

    record Register(
            @NotBlank @Pattern(regexp = USERNAME, message = "3-64 letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String givenName,
            @NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE) String familyName,
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String company,
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String email,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull ConsentGrant> consents,
            UUID memberId) {

        /** Validated and stored in NFKC: input in NFD or with compatibility characters is normalised, not refused. */
        Register {
            username = Usernames.normalize(username);
        }
    }

    record Download(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE) String documentId,
            @Size(max = 300) @Pattern(regexp = PRINTABLE) String title) {
    }

    record ProfileChange(
            @Size(min = 1, max = 100) @Pattern(regexp = PRINTABLE) String givenName,
            @Size(min = 1, max = 100) @Pattern(regexp = PRINTABLE) String familyName,
            @Size(min = 1, max = 200) @Pattern(regexp = PRINTABLE) String company,
            @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String email,
            @Size(max = 64) String username) {

        ProfileChange {
            username = Usernames.normalize(username);
        }
    }

    record MembershipEnd(@NotNull MembershipEndReason reason) {
    }

    record Registered(UUID memberId) {
    }

    record Ended(Instant erasureDueAt) {
    }
}
