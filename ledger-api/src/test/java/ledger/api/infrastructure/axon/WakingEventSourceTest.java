package ledger.api.infrastructure.axon;

import ledger.api.infrastructure.axon.WakingEventSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class WakingEventSourceTest {

    private final EventStore store = mock(EventStore.class);
    @SuppressWarnings("unchecked")
    private final BlockingStream<TrackedEventMessage<?>> storeStream = mock(BlockingStream.class);
    private WakingEventSource source;
    private Consumer<List<? extends EventMessage<?>>> publication;

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void open() {
        when(store.openStream(any())).thenReturn((BlockingStream) storeStream);
        // a poll far beyond the test, so only commits wake
        source = new WakingEventSource(store, Duration.ofHours(1));
        ArgumentCaptor<Consumer> subscriber = ArgumentCaptor.forClass(Consumer.class);
        verify(store).subscribe(subscriber.capture());
        publication = subscriber.getValue();
    }

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void aCommitOfEventsWakesTheProcessorsAfterTheCommitNotBefore() {
        AtomicInteger woken = new AtomicInteger();
        assertThat(source.openStream(null).setOnAvailableCallback(woken::incrementAndGet)).isTrue();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> publication.accept(List.of(GenericEventMessage.asEventMessage("event"))));
        unitOfWork.onCommit(u -> assertThat(woken).as("woken before the commit").hasValue(0));
        unitOfWork.commit();

        assertThat(woken).hasValue(1);
    }

    @Test
    void commitsInQuickSuccessionShareAWakeUpAndTheLastIsNotLeftBehind() {
        AtomicInteger woken = new AtomicInteger();
        source.openStream(null).setOnAvailableCallback(woken::incrementAndGet);

        for (int i = 0; i < 5; i++) {
            publication.accept(List.of(GenericEventMessage.asEventMessage("event " + i)));
        }

        assertThat(woken).as("the first commit wakes at once").hasValueGreaterThanOrEqualTo(1);
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(woken).hasValueGreaterThanOrEqualTo(2));
        assertThat(woken).as("five commits within microseconds, fewer wake-ups").hasValueLessThan(5);
    }

    @Test
    void aRolledBackUnitOfWorkWakesNobody() {
        AtomicInteger woken = new AtomicInteger();
        source.openStream(null).setOnAvailableCallback(woken::incrementAndGet);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        publication.accept(List.of(GenericEventMessage.asEventMessage("event")));
        unitOfWork.rollback();

        assertThat(woken).hasValue(0);
    }

    @Test
    void afterALocalCommitTheStreamWaitsBrieflyForTheStoreToFetchThenAnswersAtOnceAgain() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        stream.setOnAvailableCallback(() -> { });
        when(storeStream.hasNextAvailable()).thenReturn(false);
        when(storeStream.hasNextAvailable(anyInt(), any())).thenReturn(true);

        assertThat(stream.hasNextAvailable()).as("nothing committed: no wait").isFalse();
        verify(storeStream, never()).hasNextAvailable(anyInt(), any(TimeUnit.class));

        publication.accept(List.of(GenericEventMessage.asEventMessage("event")));
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.hasNextAvailable()).as("the commit was seen once").isFalse();
        verify(storeStream, times(1)).hasNextAvailable(anyInt(), any(TimeUnit.class));
    }

    @Test
    void aClosedStreamIsNoLongerWoken() {
        AtomicInteger woken = new AtomicInteger();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        stream.setOnAvailableCallback(woken::incrementAndGet);
        stream.close();

        publication.accept(List.of(GenericEventMessage.asEventMessage("event")));

        assertThat(woken).hasValue(0);
        verify(storeStream).close();
    }

    @Test
    void aStreamThatTellsOfNewEventsItselfIsLeftToDoSo() {
        AtomicInteger woken = new AtomicInteger();
        Runnable callback = woken::incrementAndGet;
        when(storeStream.setOnAvailableCallback(callback)).thenReturn(true);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(stream.setOnAvailableCallback(callback)).isTrue();
        publication.accept(List.of(GenericEventMessage.asEventMessage("event")));

        verify(storeStream).setOnAvailableCallback(callback);
        assertThat(woken).as("woken by the stream itself only").hasValue(0);
    }
}
