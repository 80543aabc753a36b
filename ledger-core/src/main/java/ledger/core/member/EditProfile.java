package ledger.core.member;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/**
 * Edits profile fields; a {@code null} field stays as it is, a field named in {@code removed} is
 * removed (only an optional one may be). {@code username} is carried only so the aggregate can
 * refuse an attempt to change it.
 */
public record EditProfile(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        @PersonalData String givenName,
        @PersonalData String familyName,
        @PersonalData String company,
        @PersonalData String email,
        @PersonalData String username,
        Set<String> removed,
        Actor requestedBy) implements MemberCommand {

    public EditProfile {
        removed = removed == null ? Set.of() : Set.copyOf(removed);
    }

    /** An edit that removes nothing. */
    public EditProfile(MemberId memberId, String givenName, String familyName, String company, String email,
                       String username, Actor requestedBy) {
        this(memberId, givenName, familyName, company, email, username, Set.of(), requestedBy);
    }
}
