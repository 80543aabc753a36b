package ledger.core.notice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Adds the text of a registered version in another language (a BCP 47 tag); the ledger computes its SHA-256. */
public record TranslateNotice(
        @TargetAggregateIdentifier NoticeVersion version,
        String language,
        String text,
        Actor requestedBy) implements NoticeCommand {
}
