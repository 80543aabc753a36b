package ledger.core.member;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;

import ledger.core.member.MemberRefusals.IdTaken;
import ledger.core.member.MemberRefusals.MemberAlreadyExists;
import ledger.core.member.MemberRefusals.UsernameTaken;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.RetentionPolicy;
import ledger.core.shared.StoredAggregates;

/**
 * Registration claims the username in the same transaction as the first events, so two
 * registrations of one username on two nodes cannot both commit.
 */
public class MemberRegistration {

    private final Repository<Member> members;
    private final UsernameRegistry usernames;
    private final StoredAggregates stored;

    public MemberRegistration(Repository<Member> members, UsernameRegistry usernames, StoredAggregates stored) {
        this.members = members;
        this.usernames = usernames;
        this.stored = stored;
    }

    @CommandHandler
    public MemberId handle(RegisterMember command, PurposeCatalog purposes, RetentionPolicy retention,
                           DeadlineManager deadlines) throws Exception {
        Member.checkRegistration(command, purposes);
        if (stored.typeOf(command.memberId().toString()).filter(type -> !Member.class.getSimpleName().equals(type)).isPresent()) {
            throw new IdTaken();
        }
        switch (usernames.claim(command.username(), command.memberId())) {
            case USERNAME_TAKEN -> throw new UsernameTaken();
            case MEMBER_EXISTS -> throw new MemberAlreadyExists();
            case CLAIMED -> {
                // go on
            }
        }
        members.newInstance(() -> new Member(command, purposes, retention, deadlines))
                .execute(member -> member.startInactivityClock(retention, deadlines));
        return command.memberId();
    }
}
