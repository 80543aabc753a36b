package ledger.core.member;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import ledger.core.member.MemberRefusals.UnknownMember;

/**
 * Erasure records {@link MemberErased} and, in the same transaction, frees the username; key
 * shredding joins here too, so an erasure is all or nothing.
 */
public class MemberErasure {

    private final Repository<Member> members;
    private final UsernameRegistry usernames;

    public MemberErasure(Repository<Member> members, UsernameRegistry usernames) {
        this.members = members;
        this.usernames = usernames;
    }

    @CommandHandler
    public ErasureReceipt handle(EraseMember command) {
        ErasureReceipt receipt;
        try {
            receipt = members.load(command.memberId().toString()).invoke(member -> member.erase(command));
        } catch (AggregateNotFoundException e) {
            throw new UnknownMember();
        }
        usernames.release(command.memberId());
        return receipt;
    }
}
