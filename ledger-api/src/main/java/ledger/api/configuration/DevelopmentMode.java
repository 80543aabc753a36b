package ledger.api.configuration;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The one development switch: a run without any active Spring profile is a local development run.
 * Only then may the service generate a missing master key or signing key, accept the documented
 * default tokens and offer the console's token sign-in; with any profile active it refuses them
 * (docs/security.md). Every such decision asks this, nothing else.
 */
public record DevelopmentMode(boolean on, List<String> activeProfiles) {

    public static DevelopmentMode of(Environment environment) {
        List<String> profiles = List.of(environment.getActiveProfiles());
        return new DevelopmentMode(profiles.isEmpty(), profiles);
    }
}
