package ledger.core.notice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * Registers one version of the privacy notice: its language, where it is published, its full text
 * (the ledger keeps it and its SHA-256), from when it is in effect, the purposes it describes, the
 * retention it states and the recipients it names.
 */
public record RegisterNotice(
        @TargetAggregateIdentifier NoticeVersion version,
        String language,
        String url,
        String text,
        Instant effectiveFrom,
        Map<String, NoticePurpose> purposes,
        String retention,
        List<NoticeRecipient> recipients,
        Actor requestedBy) implements NoticeCommand {

    public RegisterNotice {
        purposes = PrivacyNotice.sorted(purposes);
        // PostgreSQL keeps microseconds: a registration read back must equal the one sent
        effectiveFrom = effectiveFrom == null ? null : effectiveFrom.truncatedTo(ChronoUnit.MICROS);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
