package ledger.api.infrastructure.axon;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.callbacks.LoggingCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Commands for one aggregate take turns on this node before they reach the command bus, and so before
 * their transaction takes a connection from the pool. Axon's bus opens the transaction first and only
 * then waits for the aggregate's lock: a burst on one member (a portal retrying, an erasure amid
 * downloads) held one connection per waiting command, and with a pool sized to the work (9) the
 * processors and every other request starved until the pool's timeout (503s in ErasureRaceIT).
 * A command without a target aggregate (none here) passes straight through. The local bus handles
 * a command in the dispatching thread, so the turn ends when the command's unit of work has ended.
 */
final class TurnTakingCommandBus implements CommandBus {

    private static final class Turn {
        final ReentrantLock lock = new ReentrantLock(true);
        int waiting;
    }

    private final CommandBus delegate;
    private final CommandTargetResolver targets;
    private final ConcurrentHashMap<String, Turn> turns = new ConcurrentHashMap<>();

    TurnTakingCommandBus(CommandBus delegate, CommandTargetResolver targets) {
        this.delegate = delegate;
        this.targets = targets;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, LoggingCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        String target = targetOf(command);
        if (target == null) {
            delegate.dispatch(command, callback);
            return;
        }
        Turn turn = turns.compute(target, (id, existing) -> {
            Turn t = existing == null ? new Turn() : existing;
            t.waiting++;
            return t;
        });
        turn.lock.lock();
        try {
            delegate.dispatch(command, callback);
        } finally {
            turn.lock.unlock();
            turns.computeIfPresent(target, (id, t) -> --t.waiting == 0 ? null : t);
        }
    }

    private String targetOf(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }

    /** Aggregates with a command in turn or waiting for one on this node. */
    int aggregatesInTurn() {
        return turns.size();
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }
}
