package ledger.api.http.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import ledger.api.configuration.LedgerProperties;
import ledger.api.http.support.ProblemResponses;

/** The API's security chain (and method security) for a controller slice: who may call what, as the service decides it. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@Import({SecurityConfiguration.class, ProblemResponses.class})
public class SliceSecurity {
}
