package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import ledger.api.LedgerApplication;
import ledger.api.support.IntegrationTest;

/** Outside the local default, the service refuses to start with the documented defaults. */
class ProductionStartupIT {

    @TempDir
    Path dir;

    private String[] args(String... more) {
        String[] base = {"--server.port=0", "--spring.profiles.active=prod",
                "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg"),
                "--ledger.master-key-file=" + dir.resolve("missing.key")};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void the_default_tokens_are_refused_in_any_profile() {
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class,
                args("--ledger.master-key=" + IntegrationTest.TEST_MASTER_KEY)).close())
                .hasStackTraceContaining("default tokens are for local runs only");
    }

    @Test
    void a_missing_master_key_is_refused_in_any_profile() {
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, args(
                "--ledger.tokens.portal=portal-secret-0123456789", "--ledger.tokens.auditor=auditor-secret-0123456789",
                "--ledger.tokens.dpm=dpm-secret-0123456789", "--ledger.tokens.admin=admin-secret-0123456789"))
                .close())
                .hasStackTraceContaining("No master key");
    }
}
