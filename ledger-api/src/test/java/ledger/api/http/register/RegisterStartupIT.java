package ledger.api.http.register;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import ledger.api.LedgerApplication;
import ledger.api.support.IntegrationTest;

/**
 * The service refuses to start with a register the privacy policy does not allow: a recipient
 * outside the EU/EEA without a transfer mechanism, or member data kept longer than the policy says.
 */
class RegisterStartupIT {

    @TempDir
    Path dir;

    private String[] args(String... more) {
        String[] base = {"--server.port=0", "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg"),
                "--ledger.master-key=" + IntegrationTest.TEST_MASTER_KEY,
                "--ledger.erasure-journal.dir=" + dir.resolve("journal")};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void a_recipient_outside_the_eu_eea_without_a_transfer_mechanism_stops_the_start() {
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, args(
                "--ledger.register.recipients[0].name=Analytics Inc",
                "--ledger.register.recipients[0].role=processor",
                "--ledger.register.recipients[0].location=United States",
                "--ledger.register.recipients[0].inside-eu-eea=false")).close())
                .hasStackTraceContaining("outside the EU/EEA and declares no transfer mechanism");
    }

    @Test
    void a_member_retention_longer_than_the_policy_maximum_stops_the_start() {
        assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, args(
                "--ledger.retention.after-membership-end=P1Y")).close())
                .hasStackTraceContaining("longer than the privacy policy allows");
    }
}
