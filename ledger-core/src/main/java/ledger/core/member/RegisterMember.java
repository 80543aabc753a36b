package ledger.core.member;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.notice.ConsentNotice;
import ledger.core.shared.Actor;

/** Registers a member with the consents given at sign-up; consent to the membership is required. */
public record RegisterMember(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        @PersonalData String username,
        @PersonalData String givenName,
        @PersonalData String familyName,
        @PersonalData String company,
        @PersonalData String email,
        List<ConsentRequest> consents,
        Actor requestedBy) implements MemberCommand {

    public RegisterMember {
        consents = List.copyOf(consents);
    }

    /** One consent as given at sign-up, under a registered notice (looked up by the caller). */
    public record ConsentRequest(String purpose, ConsentNotice notice, String channel) {
    }
}
