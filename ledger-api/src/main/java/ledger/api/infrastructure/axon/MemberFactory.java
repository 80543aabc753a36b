package ledger.api.infrastructure.axon;

import java.lang.reflect.Constructor;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;

import ledger.core.member.Member;

/**
 * Creates empty members (or takes the one a snapshot restored) for Spring's snapshotter, which
 * finds the aggregates it can snapshot through factory beans. Unlike Axon's generic factory it
 * does not inspect the aggregate's handlers without Spring's parameter resolvers.
 */
final class MemberFactory implements AggregateFactory<Member> {

    private final Constructor<Member> constructor;

    MemberFactory() {
        try {
            constructor = Member.class.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Member needs a no-argument constructor for Axon", e);
        }
    }

    @Override
    public Member createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (firstEvent.getPayload() instanceof Member snapshot) {
            return snapshot;
        }
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a Member", e);
        }
    }

    @Override
    public Class<Member> getAggregateType() {
        return Member.class;
    }
}
