package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/**
 * Edits profile fields; a {@code null} field stays as it is. {@code username} is carried only so
 * the aggregate can refuse an attempt to change it.
 */
public record EditProfile(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        @PersonalData String givenName,
        @PersonalData String familyName,
        @PersonalData String company,
        @PersonalData String email,
        @PersonalData String username,
        Actor requestedBy) implements MemberCommand {
}
