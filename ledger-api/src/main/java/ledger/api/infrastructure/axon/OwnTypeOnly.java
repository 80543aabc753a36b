package ledger.api.infrastructure.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Creates an aggregate only from its own kind of events: ids of every aggregate type share one
 * event store, and a Member rebuilt from a contact case's events is no member (it would fail deep
 * in a handler). Another type's id is an unknown aggregate.
 */
final class OwnTypeOnly<T> implements AggregateFactory<T> {

    private final AggregateFactory<T> delegate;

    OwnTypeOnly(AggregateFactory<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        String type = firstEvent.getType();
        if (type != null && !type.equals(delegate.getAggregateType().getSimpleName())) {
            throw new AggregateNotFoundException(aggregateIdentifier, "the id belongs to another aggregate type");
        }
        return delegate.createAggregateRoot(aggregateIdentifier, firstEvent);
    }

    @Override
    public Class<T> getAggregateType() {
        return delegate.getAggregateType();
    }
}
