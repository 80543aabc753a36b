package ledger.core.member;

import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import ledger.core.crypto.KeyVault;
import ledger.core.crypto.SealedReading;
import ledger.core.erasure.ErasureJournal;
import ledger.core.erasure.SubjectDataPurge;
import ledger.core.member.MemberRefusals.UnknownMember;

/**
 * Erasure, all in the command's one transaction: records {@link MemberErased}, frees the username,
 * shreds the member's data key (leaving a tombstone) and purges every other holder of the
 * member's personal data. A repetition answers the first receipt, records nothing, and purges
 * again (harmless, and it covers anything a lagging reader wrote meanwhile). Every accepted
 * erasure, a repetition included, is first written to the {@link ErasureJournal} outside the
 * database. The member is loaded {@link SealedReading sealed}: erasure needs no personal data, so
 * no key is unwrapped for it.
 */
public class MemberErasure {

    private final Repository<Member> members;
    private final UsernameRegistry usernames;
    private final KeyVault keys;
    private final List<SubjectDataPurge> purges;
    private final ErasureJournal journal;

    /** Without a journal: for tests of the rules that do not concern it. */
    public MemberErasure(Repository<Member> members, UsernameRegistry usernames, KeyVault keys,
                         List<SubjectDataPurge> purges) {
        this(members, usernames, keys, purges, ErasureJournal.NONE);
    }

    public MemberErasure(Repository<Member> members, UsernameRegistry usernames, KeyVault keys,
                         List<SubjectDataPurge> purges, ErasureJournal journal) {
        this.members = members;
        this.usernames = usernames;
        this.keys = keys;
        this.purges = List.copyOf(purges);
        this.journal = journal;
    }

    /** Answers the receipt, or the deferral when a legal hold (or a restriction) keeps the data for now. */
    @CommandHandler
    public ErasureOutcome handle(EraseMember command, DeadlineManager deadlines) {
        command.ground().requireAllowedFor(command.requestedBy());
        ErasureOutcome outcome;
        try {
            outcome = SealedReading.during(() -> members.load(command.memberId().toString()))
                    .invoke(member -> member.erase(command, deadlines));
        } catch (AggregateNotFoundException e) {
            throw new UnknownMember();
        }
        if (!(outcome instanceof ErasureReceipt receipt)) {
            return outcome;
        }
        // write-ahead: durable before anything of the erasure commits
        journal.record(ErasureJournal.Entry.member(command.memberId().value(), receipt.ground(), receipt.erasedAt()));
        usernames.release(command.memberId());
        keys.shred(command.memberId().value());
        purges.forEach(purge -> purge.purge(command.memberId().value(), receipt.erasedAt()));
        return receipt;
    }
}
