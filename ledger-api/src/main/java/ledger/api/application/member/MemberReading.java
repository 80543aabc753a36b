package ledger.api.application.member;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.core.member.FindMember;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.Reconsent;
import ledger.core.shared.Actor;
import ledger.projections.member.MemberView;

/**
 * Reading a member, the one way the API and the console do it: the view as of the caller's last
 * write, each granted consent flagged when the notice in effect asks for it again, and the read
 * recorded (who, for which purpose, through which resource) before the data leaves.
 */
@Service
public class MemberReading {

    private final QueryGateway queries;
    private final ReadYourWrites reads;
    private final ReadAudit audit;
    private final NoticeRegistry notices;
    private final Clock clock;

    MemberReading(QueryGateway queries, ReadYourWrites reads, ReadAudit audit, NoticeRegistry notices, Clock clock) {
        this.queries = queries;
        this.reads = reads;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /** The view for a declared purpose, recorded as a read of {@code resource}. */
    public MemberView read(UUID memberId, Actor caller, String declaredPurpose, String resource) {
        MemberView view = view(MemberId.of(memberId));
        audit.record(memberId, caller, declaredPurpose, resource);
        return view;
    }

    /** The view with re-consent flags; not recorded (the caller records the read it makes of it). */
    public MemberView view(MemberId id) {
        MemberView view = reads.read(id, () -> queries.query(new FindMember(id),
                ResponseTypes.optionalInstanceOf(MemberView.class)).join(), MemberView::version);
        Reconsent rules = new Reconsent(notices.all());
        Instant now = clock.instant();
        return view.withReconsent((purpose, consent) -> rules.required(purpose, consent.policyVersion(), now));
    }
}
