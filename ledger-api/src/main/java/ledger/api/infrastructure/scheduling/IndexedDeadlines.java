package ledger.api.infrastructure.scheduling;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's db-scheduler deadline manager with an index of whose deadline is whose. Axon answers
 * {@code cancelAllWithinScope} by reading and deserializing every scheduled deadline (two per active member):
 * an erasure cancels three names, the end of a membership two, so each grew with the fleet. Here every
 * schedule records its id, name and scope (the SHA-256 of the scope as Axon serializes it: the bytes Axon's own
 * cancel compares) in {@code deadline_scope}, in the command's transaction, when Axon stores the deadline (at commit); a cancel within a scope reads that
 * scope's rows and cancels each deadline by its id (one row). Deadlines scheduled before the index existed are
 * indexed once at start ({@link DeadlineScopeBackfill}). Scheduling and cancelling by id or name pass through.
 */
final class IndexedDeadlines implements DeadlineManager {

    /** db-scheduler's task name for Axon's deadlines. */
    static final String AXON_DEADLINES = "AxonDeadline";

    private final DeadlineManager axon;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;

    IndexedDeadlines(DeadlineManager axon, Serializer serializer, JdbcTemplate jdbc) {
        this.axon = axon;
        this.serializer = serializer;
        this.jdbc = jdbc;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String id = axon.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        // at commit, after Axon stored the deadline: a scope described in an aggregate's constructor has no
        // identifier before then
        atCommitOrNow(() -> jdbc.update("INSERT INTO deadline_scope (schedule_id, deadline_name, scope_digest)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", id, deadlineName, digest(deadlineScope)));
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        axon.cancelSchedule(deadlineName, scheduleId);
        atCommitOrNow(() -> jdbc.update("DELETE FROM deadline_scope WHERE schedule_id = ?", scheduleId));
    }

    @Override
    public void cancelAll(String deadlineName) {
        axon.cancelAll(deadlineName);
        atCommitOrNow(() -> jdbc.update("DELETE FROM deadline_scope WHERE deadline_name = ?", deadlineName));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        // at commit, in order with the schedules before it (as Axon's own cancel runs)
        atCommitOrNow(() -> {
            byte[] digest = digest(scope);
            // as Axon's scan: not a deadline being executed right now (this may be its own handler)
            List<String> ids = jdbc.queryForList("SELECT d.schedule_id FROM deadline_scope d LEFT JOIN scheduled_tasks t"
                    + " ON t.task_name = ? AND t.task_instance = d.schedule_id"
                    + " WHERE d.scope_digest = ? AND d.deadline_name = ? AND t.picked IS NOT TRUE", String.class,
                    AXON_DEADLINES, digest, deadlineName);
            ids.forEach(id -> axon.cancelSchedule(deadlineName, id));
            jdbc.update("DELETE FROM deadline_scope WHERE scope_digest = ? AND deadline_name = ?", digest,
                    deadlineName);
        });
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return axon.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return axon.registerHandlerInterceptor(handlerInterceptor);
    }

    /** In the unit of work's commit phase when there is one (after what was registered before), else now. */
    private static void atCommitOrNow(Runnable work) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> work.run());
        } else {
            work.run();
        }
    }

    /** The scope as Axon stores it in the deadline, hashed. */
    byte[] digest(ScopeDescriptor scope) {
        return sha256(serializer.serialize(scope, byte[].class).getData());
    }

    static byte[] sha256(byte[] serializedScope) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(serializedScope);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
