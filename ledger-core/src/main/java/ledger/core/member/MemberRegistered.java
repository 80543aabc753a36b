package ledger.core.member;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** A member registered; the initial consents follow as {@link ConsentGiven} events. */
public record MemberRegistered(
        @SubjectId MemberId memberId,
        @PersonalData String username,
        @PersonalData String givenName,
        @PersonalData String familyName,
        @PersonalData String company,
        @PersonalData String email,
        Actor by,
        Instant at) implements MemberEvent {
}
