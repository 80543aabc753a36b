package ledger.api;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import ledger.api.infrastructure.log.VerifyCommand;
import ledger.api.infrastructure.monitor.MonitorCommand;
import ledger.api.infrastructure.witness.WitnessCommand;

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
        // the auditor's offline verifier: plain JDBC, no Spring context (docs/verifiable-ledger.md)
        if (args.length > 0 && "verify".equals(args[0])) {
            System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
                    System.err));
        }
        // the witness and the monitor run apart from the ledger: no database, no Spring context
        if (args.length > 0 && "witness".equals(args[0])) {
            System.exit(WitnessCommand.run(System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && "monitor".equals(args[0])) {
            System.exit(MonitorCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
