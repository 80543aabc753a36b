package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;

class TurnTakingCommandBusTest {

    record Touch(@TargetAggregateIdentifier String member, String label) {
    }

    record Untargeted(String label) {
    }

    /** A local bus: handles in the dispatching thread; a command labelled "hold" waits for the latch. */
    static final class LocalBus implements CommandBus {
        final List<String> started = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public <C> void dispatch(CommandMessage<C> command) {
            dispatch(command, (c, r) -> { });
        }

        @Override
        public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            Object payload = command.getPayload();
            String label = payload instanceof Touch touch ? touch.label() : ((Untargeted) payload).label();
            started.add(label);
            if (label.equals("hold")) {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> i) {
            return () -> true;
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> i) {
            return () -> true;
        }
    }

    private static Thread dispatching(CommandBus bus, Object payload) {
        Thread thread = new Thread(() -> bus.dispatch(GenericCommandMessage.asCommandMessage(payload)));
        thread.start();
        return thread;
    }

    @Test
    void a_second_command_for_the_same_member_waits_for_the_first_before_it_reaches_the_bus() throws Exception {
        LocalBus local = new LocalBus();
        TurnTakingCommandBus bus = new TurnTakingCommandBus(local, new RememberedCommandTargets());
        Thread first = dispatching(bus, new Touch("m-1", "hold"));
        assertThat(local.holding.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = dispatching(bus, new Touch("m-1", "same member"));
        Thread other = dispatching(bus, new Touch("m-2", "other member"));
        Thread untargeted = dispatching(bus, new Untargeted("no target"));
        other.join(5000);
        untargeted.join(5000);
        second.join(300);

        assertThat(local.started).as("other members and untargeted commands do not wait")
                .containsExactlyInAnyOrder("hold", "other member", "no target");
        assertThat(second.isAlive()).as("the same member's next command waits its turn").isTrue();

        local.release.countDown();
        first.join(5000);
        second.join(5000);
        assertThat(local.started).contains("same member");
        assertThat(bus.aggregatesInTurn()).as("no turn kept once the commands ended").isZero();
    }
}
