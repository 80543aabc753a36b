package ledger.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import ledger.api.LedgerApplication;
import ledger.core.crypto.FieldCipher;

/**
 * The service as the null-cipher scenarios of bench/run start it: {@link LedgerApplication} plus one
 * configuration that puts the {@link NullCipher} decorator in place of AES-GCM as the serializers'
 * {@link FieldCipher}, so a run can measure what the encryption costs. The service itself has no
 * switch for this; only this entry point, on the bench module's classpath, has.
 */
public final class BenchLedgerApplication {

    private BenchLedgerApplication() {
    }

    /** The null cipher ahead of the service's own AES-GCM {@code fieldCipher} bean. */
    @Configuration(proxyBeanMethods = false)
    static class NullCipherConfiguration {

        @Bean
        @Primary
        FieldCipher nullCipher() {
            return new NullCipher(FieldCipher.aesGcm());
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[] {LedgerApplication.class, NullCipherConfiguration.class}, args);
    }
}
