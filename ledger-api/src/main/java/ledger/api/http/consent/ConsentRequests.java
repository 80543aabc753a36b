package ledger.api.http.consent;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import ledger.core.purpose.WithdrawalChannel;

/** The JSON bodies of giving and withdrawing consent, validated before any command is sent. */
final class ConsentRequests {

    private ConsentRequests() {
    }

    /** {@code channel}: how the withdrawal reached the company; {@code portal} when not given. */
    record Withdrawal(@Size(max = 20) List<@NotBlank @Size(max = 64) String> purposes, Boolean all,
                      @Pattern(regexp = WithdrawalChannel.PATTERN, message = "must be portal, email, letter or phone")
                      String channel) {

        @AssertTrue(message = "give either a non-empty 'purposes' or 'all': true")
        boolean isEitherPurposesOrAll() {
            boolean everything = Boolean.TRUE.equals(all);
            boolean some = purposes != null && !purposes.isEmpty();
            return everything != some;
        }
    }

    record ConsentRecorded(UUID consentId) {
    }

    record Withdrawn(List<String> withdrawn) {
    }
}
