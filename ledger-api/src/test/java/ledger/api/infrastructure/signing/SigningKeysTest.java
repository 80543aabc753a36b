package ledger.api.infrastructure.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import ledger.api.configuration.LedgerProperties;
import ledger.core.log.NoteSigner;

/** The checkpoint signing key follows the master key's rules: configured, read from an owner-only file, or generated locally. */
class SigningKeysTest {

    private static final String ORIGIN = "ledger.example/compliance-ledger";
    private static final String SEED = Base64.getEncoder().encodeToString("test-ledger-signing-key-not-prod".getBytes());

    @TempDir
    Path tmp;

    private static LedgerProperties.Log settings(String key, Path file) {
        return new LedgerProperties.Log(ORIGIN, null, key, file, file.resolveSibling("checkpoints"),
                Duration.ofSeconds(10), null, null, java.util.List.of(), null, Duration.ofSeconds(10));
    }

    @Test
    void a_configured_key_wins_and_names_the_origin() {
        NoteSigner signer = SigningKeys.load(settings(SEED, tmp.resolve("absent.key")), new MockEnvironment());
        assertThat(signer.keyName()).isEqualTo(ORIGIN);
        assertThat(signer.verifierKey())
                .isEqualTo(new NoteSigner(ORIGIN, Base64.getDecoder().decode(SEED)).verifierKey());
        assertThat(tmp.resolve("absent.key")).doesNotExist();
    }

    @Test
    void without_a_profile_a_missing_key_file_is_generated_owner_only_and_read_again_next_time() throws IOException {
        Path file = tmp.resolve("data/signing.key");
        NoteSigner first = SigningKeys.load(settings(null, file), new MockEnvironment());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(SigningKeys.load(settings(null, file), new MockEnvironment()).verifierKey())
                .isEqualTo(first.verifierKey());
    }

    @Test
    void with_a_profile_a_missing_key_is_refused() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");
        Path file = tmp.resolve("signing.key");
        assertThatThrownBy(() -> SigningKeys.load(settings(" ", file), production))
                .hasMessageContaining("LEDGER_SIGNING_KEY");
        assertThat(file).doesNotExist();
    }

    @Test
    void a_key_file_others_may_read_or_a_key_of_the_wrong_size_is_refused_without_quoting_it() throws IOException {
        Path open = Files.writeString(tmp.resolve("open.key"), SEED);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SigningKeys.load(settings(null, open), new MockEnvironment()))
                .hasMessageContaining("accessible to others");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SigningKeys.load(settings(shortKey, open), new MockEnvironment()))
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SigningKeys.load(settings("not base64!", open), new MockEnvironment()))
                .hasMessageContaining("base64").hasMessageNotContaining("not base64!");
    }
}
