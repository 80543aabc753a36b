package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.shared.Actor;

/** A sealed load reads personal fields as a placeholder and never asks the vault for a key. */
class SealedReadingTest {

    private static final Actor PORTAL = new Actor("portal", "PORTAL");
    private final MemberId ada = MemberId.random();
    private final AtomicInteger reads = new AtomicInteger();

    /** A vault whose keys can be created but never read back: a wrong or missing master key. */
    private final KeyVault unreadable = new KeyVault() {
        @Override
        public byte[] keyForWriting(UUID subject) {
            throw new AssertionError("nothing is written here");
        }

        @Override
        public Optional<byte[]> keyForReading(UUID subject) {
            reads.incrementAndGet();
            throw new IllegalStateException("the data key cannot be unwrapped");
        }

        @Override
        public boolean shred(UUID subject) {
            throw new AssertionError("nothing is shredded here");
        }
    };

    private SerializedObject<byte[]> stored;
    private DefaultUnitOfWork<?> unitOfWork;

    @BeforeEach
    void store() {
        stored = ThroughTheSerializer.serializer(new InMemoryKeyVault()).serialize(new MemberRegistered(ada, "adaMARK",
                "Ada", "Lovelace", "Engines", "ada@example.org", PORTAL, Instant.parse("2026-03-01T10:00:00Z")),
                byte[].class);
        unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("test"));
    }

    @AfterEach
    void end() {
        unitOfWork.rollback();
    }

    @Test
    void during_a_sealed_load_the_serializer_never_calls_key_for_reading() {
        CryptoShreddingSerializer serializer = ThroughTheSerializer.serializer(unreadable);

        MemberRegistered read = SealedReading.during(() -> serializer.deserialize(stored));

        assertThat(reads).hasValue(0);
        assertThat(read.memberId()).isEqualTo(ada);
        assertThat(read.by()).isEqualTo(PORTAL);
        assertThat(read.username()).isEqualTo(SealedReading.SEALED);
        assertThat(read.givenName()).isEqualTo(SealedReading.SEALED);
        assertThat(read.email()).isEqualTo(SealedReading.SEALED);
    }

    @Test
    void the_sealed_mode_ends_with_the_load_and_reads_fail_closed_again() {
        CryptoShreddingSerializer serializer = ThroughTheSerializer.serializer(unreadable);
        SealedReading.during(() -> serializer.deserialize(stored));

        assertThat(SealedReading.active()).isFalse();
        assertThatThrownBy(() -> serializer.deserialize(stored)).hasMessageContaining("cannot be unwrapped");
        assertThat(reads).hasValue(1);
    }

    @Test
    void a_value_stored_in_the_clear_is_refused_even_during_a_sealed_load() {
        String clear = new String(stored.getData(), StandardCharsets.UTF_8)
                .replaceFirst("\"username\":\"enc:v1:[^\"]+\"", "\"username\":\"adaMARK\"");
        SerializedObject<byte[]> tampered = new SimpleSerializedObject<>(clear.getBytes(StandardCharsets.UTF_8),
                byte[].class, stored.getType());
        CryptoShreddingSerializer serializer = ThroughTheSerializer.serializer(unreadable);

        assertThatThrownBy(() -> SealedReading.during(() -> serializer.deserialize(tampered)))
                .hasMessageContaining("stored without encryption");
    }

    @Test
    void the_mode_holds_only_inside_the_load() {
        assertThat(SealedReading.active()).isFalse();
        assertThat(SealedReading.during(SealedReading::active)).isTrue();
        assertThat(SealedReading.active()).isFalse();
    }

    @Test
    void a_sealed_load_outside_a_unit_of_work_is_refused() {
        unitOfWork.rollback();
        assertThatThrownBy(() -> SealedReading.during(() -> "loaded")).isInstanceOf(IllegalStateException.class);
        unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("again"));
    }
}
