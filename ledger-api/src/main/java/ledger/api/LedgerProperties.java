package ledger.api;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything under {@code ledger.*}; see the configuration table in the README. */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        @DefaultValue({"portal-membership", "newsletter"}) Set<String> purposes,
        @DefaultValue Retention retention,
        @DefaultValue Tokens tokens,
        @DefaultValue Http http,
        @DefaultValue EmbeddedPostgres embeddedPostgres) {

    /** {@code inactivity} and {@code contactCaseAfterClosure} are off when not set. */
    public record Retention(
            @DefaultValue("P3M") Period afterMembershipEnd,
            @DefaultValue("P3Y") Period contactCaseMaximum,
            Period inactivity,
            Period contactCaseAfterClosure) {
    }

    /** Static bearer tokens per role, for local runs; several per role allow rotation. */
    public record Tokens(
            @DefaultValue List<String> portal,
            @DefaultValue List<String> auditor,
            @DefaultValue List<String> dpm,
            @DefaultValue List<String> admin) {
    }

    public record Http(@DefaultValue("65536") int maxBodyBytes) {
    }

    public record EmbeddedPostgres(@DefaultValue("data/postgres") Path dataDir, @DefaultValue("0") int port) {
    }
}
