package ledger.api.http.extract;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a register extract states beyond the member's own data (GDPR Art. 15): the controller,
 * each purpose's description and legal basis, recipients and processors, storage location, the
 * supervisory authority. From configuration ({@code ledger.register.*}), as the privacy policy says.
 */
@ConfigurationProperties("ledger.register")
public record RegisterProperties(
        Controller controller,
        Map<String, Purpose> purposes,
        List<String> personalDataCategories,
        List<Recipient> recipients,
        String storage,
        String source,
        Authority supervisoryAuthority) {

    public RegisterProperties {
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        personalDataCategories = personalDataCategories == null ? List.of() : List.copyOf(personalDataCategories);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public record Controller(String name, String address, String email, String organisationNumber) {
    }

    public record Purpose(String description, String legalBasis) {
    }

    public record Recipient(String name, String role, List<String> purposes, String location, boolean insideEuEea) {
    }

    public record Authority(String name, String website) {
    }
}
