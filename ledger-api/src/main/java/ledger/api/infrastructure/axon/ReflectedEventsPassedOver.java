package ledger.api.infrastructure.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.replay.ResetContext;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The member view's and history's handlers say they cannot handle an event that both read models already
 * reflect (a command wrote it with them, {@link InlineMemberView}). Axon's pooled processor asks before it
 * puts an event into a batch, so such an event costs no batch: no transaction and no token update (the
 * token is stored later, with the next batch or the claim); only the look itself, one statement outside
 * any transaction. The look is the database's answer, as {@link ReflectedEventsSkipped}'s in the batch:
 * read models damaged or rebuilt under a running node are seen as they are. Decided from the aggregate's
 * id and the sequence number alone: the event is not deserialized. One look per event: the processor asks
 * each handler, for each segment; the answer is kept for the event a short while (2 s), and forgotten when
 * the processor is reset, so a rebuild meets only the database's answers (its emptied read models reflect
 * nothing). Asked in a transaction (a command writing the event, a batch handling it) the handlers answer as
 * they always did. An erasure is always handled (its purge must never be skipped).
 */
final class ReflectedEventsPassedOver implements HandlerEnhancerDefinition {

    private final Set<String> groups;
    private final BooleanSupplier commandsWrite;
    private final Predicate<TrackingToken> replayed;
    private final ToLongFunction<UUID> reflected;
    private final Cache<String, Boolean> answers = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(2)).build();
    private final AtomicLong passedOver = new AtomicLong();
    private final AtomicLong looks = new AtomicLong();
    private final LongSupplier head;
    /** Events up to this position are rebuilt by the last reset's replay: none of them is looked for. */
    private final AtomicLong replayedUpTo = new AtomicLong(-1);

    /**
     * {@code reflected}: the member's last event both read models reflect ({@link InlineMemberView#reflected});
     * {@code replayed}: whether an event at this position is replayed by the processor, asked of the processor
     * (Axon marks an event as replayed only once it is in a batch, after its handlers were asked).
     */
    ReflectedEventsPassedOver(Set<String> groups, BooleanSupplier commandsWrite, Predicate<TrackingToken> replayed,
                              ToLongFunction<UUID> reflected, LongSupplier head) {
        this.groups = Set.copyOf(groups);
        this.commandsWrite = commandsWrite;
        this.replayed = replayed;
        this.reflected = reflected;
        this.head = head;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(), ProcessingGroup.class);
        if (group == null || !groups.contains(group.value())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public boolean canHandle(Message<?> message) {
                return super.canHandle(message) && !reflectedAlready(message);
            }

            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (message instanceof ResetContext) {
                    // the read models are rebuilt: no answer given before holds, and what the store holds now is
                    // replayed into emptied read models (told before the processor starts again, so no status is
                    // needed; events after the reset's position and before this head only go through a batch)
                    replayedUpTo.accumulateAndGet(head.getAsLong(), Math::max);
                    answers.invalidateAll();
                }
                return super.handle(message, target);
            }
        };
    }

    private boolean reflectedAlready(Message<?> message) {
        // asked in a transaction: a command writing the event, or a batch taking it (which the interceptor
        // decides); before a batch the processor asks outside any
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || !(message instanceof DomainEventMessage<?> domain) || !commandsWrite.getAsBoolean()
                || !ReflectedEventsSkipped.mayPassOver(domain)) {
            return false;
        }
        // once per event, not per handler and segment: the processor's status and the look
        return answers.get(domain.getIdentifier(), id -> {
            if (message instanceof TrackedEventMessage<?> tracked && (rebuilt(tracked.trackingToken())
                    || replayed.test(tracked.trackingToken()))) {
                return false;
            }
            looks.incrementAndGet();
            // a member's aggregate identifier is its id (MemberId.toString())
            boolean both = domain.getSequenceNumber() <= reflected.applyAsLong(UUID.fromString(domain.getAggregateIdentifier()));
            if (both) {
                passedOver.incrementAndGet();
            }
            return both;
        });
    }

    /**
     * Whether an event at a position is replayed by the processor: at or before the position of a segment's
     * reset, as its replay token says (no processor yet: everything is). For a replay this node did not reset
     * (one it took over after a restart): a reset on this node marks what it rebuilds itself, as Axon has no
     * status for a segment until its work package reports. The reset clearing the kept answers, and the answer
     * being the database's, are what guarantee a rebuild; this only spares the looks.
     */
    static Predicate<TrackingToken> replayedBy(Supplier<Optional<StreamingEventProcessor>> processor) {
        return position -> processor.get().map(p -> p.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .anyMatch(token -> token instanceof ReplayToken replay && (replay.getTokenAtReset() == null
                        || position == null || replay.getTokenAtReset().covers(position)))).orElse(true);
    }

    private boolean rebuilt(TrackingToken position) {
        return position != null && position.position().orElse(Long.MAX_VALUE) <= replayedUpTo.get();
    }

    /** How many times the database was asked, before a batch, what the read models reflect. */
    long looks() {
        return looks.get();
    }

    /** How many events were passed over before a batch. */
    long passedOver() {
        return passedOver.get();
    }
}
