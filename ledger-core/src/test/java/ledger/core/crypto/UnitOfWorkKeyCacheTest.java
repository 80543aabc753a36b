package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys are cached for one unit of work at most, so an erasure on any node wins from the next one on. */
class UnitOfWorkKeyCacheTest {

    private final UUID subject = UUID.fromString("c0c0a000-0000-0000-0000-000000000001");
    private final CountingVault vault = new CountingVault();
    private final UnitOfWorkKeyCache cache = new UnitOfWorkKeyCache(vault);

    @AfterEach
    void noUnitOfWorkIsLeftOpen() {
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    private static <R> R inUnitOfWork(Supplier<R> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return work.get();
        } finally {
            unitOfWork.commit();
        }
    }

    @Test
    void within_a_unit_of_work_the_vault_is_asked_once_per_subject() {
        byte[] written = vault.keyForWriting(subject);
        vault.writes = 0;
        inUnitOfWork(() -> {
            assertThat(cache.keyForReading(subject)).contains(written);
            assertThat(cache.keyForReading(subject)).contains(written);
            assertThat(cache.keyForWriting(subject)).isEqualTo(written);
            return null;
        });
        assertThat(vault.reads()).isEqualTo(1);
        assertThat(vault.writes).isZero();
    }

    @Test
    void a_key_created_in_a_unit_of_work_is_reused_for_writing_and_reading_in_it() {
        inUnitOfWork(() -> {
            byte[] created = cache.keyForWriting(subject);
            assertThat(created).hasSize(AesGcm.KEY_BYTES);
            assertThat(cache.keyForWriting(subject)).isSameAs(created);
            assertThat(cache.keyForReading(subject)).containsSame(created);
            return null;
        });
        assertThat(vault.writes).isEqualTo(1);
        assertThat(vault.reads()).isZero();
    }

    @Test
    void the_next_unit_of_work_asks_the_vault_again_and_sees_an_erasure_made_elsewhere() {
        byte[] written = vault.keyForWriting(subject);
        assertThat(inUnitOfWork(() -> cache.keyForReading(subject))).contains(written);
        vault.shred(subject);
        assertThat(inUnitOfWork(() -> cache.keyForReading(subject))).isEmpty();
        assertThat(vault.reads()).isEqualTo(2);
    }

    @Test
    void after_a_shred_in_the_unit_of_work_its_key_is_gone_without_asking_the_vault() {
        byte[] written = vault.keyForWriting(subject);
        inUnitOfWork(() -> {
            assertThat(cache.keyForReading(subject)).contains(written);
            assertThat(cache.shred(subject)).isTrue();
            int writes = vault.writes;
            int reads = vault.reads();
            assertThat(cache.keyForReading(subject)).isEmpty();
            assertThatThrownBy(() -> cache.keyForWriting(subject)).isInstanceOf(SubjectErased.class);
            assertThat(vault.writes).isEqualTo(writes);
            assertThat(vault.reads()).isEqualTo(reads);
            return null;
        });
        assertThat(vault.isShredded(subject)).isTrue();
    }

    @Test
    void shredding_answers_whether_the_key_was_still_there() {
        vault.keyForWriting(subject);
        assertThat(inUnitOfWork(() -> cache.shred(subject))).isTrue();
        assertThat(inUnitOfWork(() -> cache.shred(subject))).isFalse();
        assertThat(cache.shred(subject)).isFalse();
    }

    @Test
    void outside_a_unit_of_work_nothing_is_cached() {
        byte[] written = cache.keyForWriting(subject);
        assertThat(written).hasSize(AesGcm.KEY_BYTES);
        assertThat(cache.keyForWriting(subject)).isEqualTo(written);
        assertThat(cache.keyForReading(subject)).contains(written);
        assertThat(cache.keyForReading(subject)).contains(written);
        assertThat(vault.writes).isEqualTo(2);
        assertThat(vault.reads()).isEqualTo(2);
        assertThat(cache.shred(subject)).isTrue();
        assertThat(cache.keyForReading(subject)).isEmpty();
    }

    /** The in-memory vault, counting how often it is asked for a key to write with. */
    private static final class CountingVault implements KeyVault {
        private final InMemoryKeyVault keys = new InMemoryKeyVault();
        private int writes;

        @Override
        public byte[] keyForWriting(UUID subject) {
            writes++;
            return keys.keyForWriting(subject);
        }

        @Override
        public Optional<byte[]> keyForReading(UUID subject) {
            return keys.keyForReading(subject);
        }

        @Override
        public boolean shred(UUID subject) {
            return keys.shred(subject);
        }

        int reads() {
            return keys.reads();
        }

        boolean isShredded(UUID subject) {
            return keys.isShredded(subject);
        }
    }
}
