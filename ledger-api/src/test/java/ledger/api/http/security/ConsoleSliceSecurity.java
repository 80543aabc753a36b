package ledger.api.http.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import ledger.api.configuration.LedgerProperties;
import ledger.api.http.support.ProblemResponses;

/**
 * The console's security chain for a console page slice: sessions, CSRF, the sign-in form and who
 * may see which page (ConsoleSecurityConfiguration), beside the API's chain it is ordered before
 * (which provides the configured tokens the sign-in form checks).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@Import({ConsoleSecurityConfiguration.class, SecurityConfiguration.class, ProblemResponses.class})
public class ConsoleSliceSecurity {
}
