package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** Records that the member downloaded a document; the policy counts downloads as personal data. */
public record RecordDownload(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        @PersonalData String documentId,
        @PersonalData String title,
        Actor requestedBy) implements MemberCommand {
}
