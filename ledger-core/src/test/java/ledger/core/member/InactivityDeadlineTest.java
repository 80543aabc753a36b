package ledger.core.member;

import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.PORTAL;
import static ledger.core.member.MemberFixtures.T0;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.junit.jupiter.api.Test;

import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * The inactivity deadline when it fires after the member was warned and used the portal again: a state the
 * fixture cannot reach (its one WHEN phase fires the warning first), so the handler is called as the deadline
 * manager calls it, on a member built from its events.
 */
class InactivityDeadlineTest {

    private static final RetentionPolicy WITH_INACTIVITY = new RetentionPolicy(Period.ofMonths(3), Period.ofYears(3),
            Period.ofMonths(12), null);

    private record Scheduled(Instant at, String name, Object payload) {
    }

    /** Records what the handler schedules; the handler under test cancels nothing. */
    private static final class RecordingDeadlines implements DeadlineManager {

        private final List<Scheduled> scheduled = new ArrayList<>();

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload) {
            scheduled.add(new Scheduled(triggerDateTime, deadlineName, messageOrPayload));
            return deadlineName + "-" + scheduled.size();
        }

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                               ScopeDescriptor deadlineScope) {
            return schedule(triggerDateTime, deadlineName, messageOrPayload);
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            throw new UnsupportedOperationException("cancelSchedule");
        }

        @Override
        public void cancelAll(String deadlineName) {
            throw new UnsupportedOperationException("cancelAll");
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
            throw new UnsupportedOperationException("cancelAllWithinScope");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
            return () -> true;
        }
    }

    private static Instant twelveMonthsAfter(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
    }

    /** Registered at T0, warned of the end twelve months later, then back on the portal at {@code used}. */
    private static Member warnedThenUsed(Instant warnedOf, Instant used) {
        Member member = new Member();
        member.on(registered());
        member.on(membershipConsent());
        member.on(new InactivityWarned(ID, warnedOf, Actor.SYSTEM, warnedOf.minus(RetentionPolicy.INACTIVITY_WARNING)));
        member.on(new PortalUsed(ID, LocalDate.ofInstant(used, ZoneOffset.UTC), PORTAL, used));
        return member;
    }

    @Test
    void activity_after_a_warning_re_arms_the_deadline_and_the_warning_for_the_later_end() {
        Instant used = twelveMonthsAfter(T0).minus(Duration.ofDays(10));
        Member member = warnedThenUsed(twelveMonthsAfter(T0), used);
        RecordingDeadlines deadlines = new RecordingDeadlines();

        member.inactive(new Member.InactivityPassed(T0), WITH_INACTIVITY, deadlines);

        Instant newEnd = twelveMonthsAfter(used);
        assertThat(deadlines.scheduled).containsExactly(
                new Scheduled(newEnd, Member.INACTIVITY_DEADLINE, new Member.InactivityPassed(used)),
                new Scheduled(newEnd.minus(RetentionPolicy.INACTIVITY_WARNING), Member.INACTIVITY_WARNING_DEADLINE,
                        new Member.InactivityWarningDue(newEnd)));
    }

    @Test
    void a_member_already_warned_of_the_later_end_is_not_warned_of_it_again() {
        Instant used = twelveMonthsAfter(T0).minus(Duration.ofDays(10));
        Member member = warnedThenUsed(twelveMonthsAfter(used), used);
        RecordingDeadlines deadlines = new RecordingDeadlines();

        member.inactive(new Member.InactivityPassed(T0), WITH_INACTIVITY, deadlines);

        assertThat(deadlines.scheduled).containsExactly(
                new Scheduled(twelveMonthsAfter(used), Member.INACTIVITY_DEADLINE, new Member.InactivityPassed(used)));
    }
}
