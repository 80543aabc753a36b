package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class PoisonEventPolicyTest {

    private final PoisonEventPolicy policy = new PoisonEventPolicy(3);
    private final GenericDeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("member-1", GenericEventMessage.asEventMessage("payload"));

    private static RuntimeException poison() {
        return new DataIntegrityViolationException("value too long",
                new SQLException("ERROR: value too long; Key (username)=(ada.lovelace) ...", "22001"));
    }

    @Test
    void a_failing_event_is_retried_with_its_batch_until_its_third_failure_then_dead_lettered() {
        assertThatThrownBy(() -> policy.decide(letter, poison())).isInstanceOf(SavepointPerEvent.RetryWithSavepoints.class);
        assertThatThrownBy(() -> policy.decide(letter, poison())).isInstanceOf(SavepointPerEvent.RetryWithSavepoints.class);
        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, poison());
        assertThat(decision.shouldEnqueue()).isTrue();
    }

    @Test
    void a_dead_lettered_event_whose_batch_another_poison_rolled_back_is_dead_lettered_again_at_once() {
        for (int attempt = 1; attempt < 3; attempt++) {
            assertThatThrownBy(() -> policy.decide(letter, poison()))
                    .isInstanceOf(SavepointPerEvent.RetryWithSavepoints.class);
        }
        assertThat(policy.decide(letter, poison()).shouldEnqueue()).isTrue();
        // a later event of the batch failed: the batch, this letter included, is retried
        assertThat(policy.decide(letter, poison()).shouldEnqueue()).isTrue();
    }

    @Test
    void a_failure_without_a_savepoint_always_means_a_retry_even_when_the_attempts_are_used_up() {
        PoisonEventPolicy once = new PoisonEventPolicy(1);
        SavepointPerEvent.RetryWithSavepoints noSavepoint = new SavepointPerEvent.RetryWithSavepoints(poison());
        assertThatThrownBy(() -> once.decide(letter, noSavepoint)).isSameAs(noSavepoint);
        assertThat(once.decide(letter, poison()).shouldEnqueue()).isTrue();
    }

    @Test
    void faults_of_the_moment_are_never_dead_lettered_however_often_they_happen() {
        PoisonEventPolicy once = new PoisonEventPolicy(1);
        for (RuntimeException fault : new RuntimeException[] {
                new CannotGetJdbcConnectionException("no connection"),
                new QueryTimeoutException("deadlock", new SQLException("deadlock detected", "40P01")),
                new RuntimeException(new SQLException("could not obtain lock", "55P03")),
                new RuntimeException(new SQLException("canceling statement due to statement timeout", "57014")),
                new RuntimeException(new SQLException("connection reset", "08006"))}) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> once.decide(letter, fault))
                        .isInstanceOf(PoisonEventPolicy.TransientHandlerFailure.class).hasCause(fault);
            }
        }
    }

    @Test
    void the_stored_cause_names_the_type_and_sqlstate_but_never_the_exceptions_text() {
        PoisonEventPolicy once = new PoisonEventPolicy(1);
        Throwable cause = once.decide(letter, poison()).enqueueCause().orElseThrow();
        assertThat(cause.getClass().getName()).isEqualTo("org.axonframework.messaging.deadletter.ThrowableCause");
        assertThat(((org.axonframework.messaging.deadletter.Cause) cause).type())
                .isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(cause.getMessage()).contains("SQLState 22001").doesNotContain("ada").doesNotContain("too long");
    }

    @Test
    void at_least_one_attempt_is_required() {
        assertThatThrownBy(() -> new PoisonEventPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
