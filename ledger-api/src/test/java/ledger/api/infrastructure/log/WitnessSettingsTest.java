package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import ledger.api.configuration.LedgerProperties;
import ledger.core.log.Cosigner;
import ledger.core.log.NoteSigner;

/** ledger.log.witnesses and witness-quorum: a setting that cannot work stops the start, saying which. */
class WitnessSettingsTest {

    private static final String KEY = new Cosigner("witness.example/w1", NoteSigner.generateSeed()).verifierKey();

    @Test
    void the_quorum_defaults_to_every_witness_configured() {
        assertThat(WitnessCosigning.quorum(null, 3)).isEqualTo(3);
        assertThat(WitnessCosigning.quorum(1, 3)).isEqualTo(1);
        assertThat(WitnessCosigning.quorum(null, 0)).isZero();
    }

    @Test
    void a_quorum_beyond_the_witnesses_configured_is_refused() {
        assertThatThrownBy(() -> WitnessCosigning.quorum(4, 3)).hasMessageContaining("witness-quorum");
        assertThatThrownBy(() -> WitnessCosigning.quorum(-1, 3)).hasMessageContaining("witness-quorum");
    }

    @Test
    void a_witness_needs_an_http_url_and_a_cosignature_key() {
        assertThatThrownBy(() -> WitnessCosigning.endpoints(List.of(new LedgerProperties.Witness("w",
                URI.create("ftp://witness.example/"), KEY)))).hasMessageContaining("http(s) url");
        String logKey = new NoteSigner("witness.example/w1", NoteSigner.generateSeed()).verifierKey();
        assertThatThrownBy(() -> WitnessCosigning.endpoints(List.of(new LedgerProperties.Witness("w",
                URI.create("https://witness.example/"), logKey)))).hasMessageContaining("cosignature/v1");
    }

    @Test
    void a_witness_is_named_after_its_key_unless_named_and_names_are_unique() {
        List<WitnessCosigning.Endpoint> endpoints = WitnessCosigning.endpoints(List.of(
                new LedgerProperties.Witness(null, URI.create("https://witness.example/w1"), KEY)));
        assertThat(endpoints.get(0).name()).isEqualTo("witness.example/w1");
        assertThat(endpoints.get(0).submissionPrefix()).hasToString("https://witness.example/w1/");
        assertThatThrownBy(() -> WitnessCosigning.endpoints(List.of(
                new LedgerProperties.Witness("a", URI.create("https://one.example/"), KEY),
                new LedgerProperties.Witness("a", URI.create("https://two.example/"), KEY))))
                .hasMessageContaining("share a name");
    }
}
