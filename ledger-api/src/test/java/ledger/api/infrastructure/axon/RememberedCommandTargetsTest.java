package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.member.RecordDownload;

class RememberedCommandTargetsTest {

    private final CommandTargetResolver remembered = new RememberedCommandTargets();
    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record OnComponent(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    record VersionAsText(@TargetAggregateIdentifier UUID id, @TargetAggregateVersion String version) {
    }

    static class OnField {
        @TargetAggregateIdentifier
        private final String id;

        OnField(String id) {
            this.id = id;
        }
    }

    static class Inherited extends OnField {
        Inherited(String id) {
            super(id);
        }
    }

    static class OnGetter {
        private final String id;

        OnGetter(String id) {
            this.id = id;
        }

        @TargetAggregateIdentifier
        String target() {
            return "getter-" + id;
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD})
    @TargetAggregateIdentifier
    @interface MemberTarget {
    }

    record MetaAnnotated(@MemberTarget String id) {
    }

    record Untargeted(String id) {
    }

    record Throwing(String id) {
        @TargetAggregateIdentifier
        String target() {
            throw new IllegalStateException("no target today");
        }
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    @Test
    void every_kind_of_declared_target_resolves_as_axons_own_resolver_resolves_it() {
        List<Object> payloads = List.of(new OnComponent("m-1", 7L), new OnComponent("m-2", null),
                new VersionAsText(UUID.randomUUID(), "42"), new OnField("f-1"), new Inherited("i-1"),
                new OnGetter("g-1"), new MetaAnnotated("meta-1"),
                new RecordDownload(MemberId.of(UUID.randomUUID()), "doc-1", "Title", null));
        for (Object payload : payloads) {
            for (int time = 0; time < 2; time++) {
                VersionedAggregateIdentifier expected = axons.resolveTarget(command(payload));
                VersionedAggregateIdentifier actual = remembered.resolveTarget(command(payload));
                assertThat(actual.getIdentifier()).as(payload.toString()).isEqualTo(expected.getIdentifier());
                assertThat(actual.getVersion()).as(payload.toString()).isEqualTo(expected.getVersion());
            }
        }
    }

    @Test
    void a_command_naming_no_target_or_a_null_one_or_an_unreadable_one_is_refused_as_axon_refuses_it() {
        List<Object> payloads = List.of(new Untargeted("u-1"), new OnComponent(null, 1L), new Throwing("t-1"),
                new VersionAsText(UUID.randomUUID(), "not a number"));
        for (Object payload : payloads) {
            Throwable expected = catchThrown(() -> axons.resolveTarget(command(payload)));
            assertThat(expected).as("Axon's own refusal of " + payload).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> remembered.resolveTarget(command(payload))).as(payload.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.getMessage());
        }
    }

    private static Throwable catchThrown(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
