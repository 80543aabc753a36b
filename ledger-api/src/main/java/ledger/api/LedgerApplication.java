package ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The compliance ledger service. */
@SpringBootApplication(scanBasePackages = {"ledger.api", "ledger.projections"},
        exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan("ledger.api")
public class LedgerApplication {

    static {
        // A compliance ledger does not report usage to a vendor: switch Axon's update checker off
        // unless an operator explicitly decides otherwise.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
