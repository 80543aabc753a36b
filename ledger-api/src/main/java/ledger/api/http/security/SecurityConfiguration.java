package ledger.api.http.security;

import static ledger.api.http.security.Role.ADMIN;
import static ledger.api.http.security.Role.AUDITOR;
import static ledger.api.http.security.Role.DPM;
import static ledger.api.http.security.Role.PORTAL;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

import ledger.api.LedgerProperties;
import ledger.api.http.support.ProblemResponses;
import ledger.api.http.support.SecurityHeaders;

/** Who may call what: the role matrix of API.md. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String BASE = "/api/v1";

    @Bean
    StaticTokens staticTokens(LedgerProperties properties, Environment environment) {
        StaticTokens tokens = new StaticTokens(properties.tokens());
        if (environment.getActiveProfiles().length > 0 && tokens.containsDevDefault()) {
            throw new IllegalStateException("The documented default tokens are for local runs only; profiles "
                    + Arrays.toString(environment.getActiveProfiles())
                    + " are active: set LEDGER_TOKENS_PORTAL, LEDGER_TOKENS_AUDITOR, LEDGER_TOKENS_DPM and "
                    + "LEDGER_TOKENS_ADMIN to secrets of your own");
        }
        return tokens;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, StaticTokens tokens, ProblemResponses problems, LedgerProperties properties)
            throws Exception {
        var entryPoint = problems.authenticationEntryPoint();
        LedgerProperties.JwtSettings jwt = properties.security().jwt();
        if (jwt.enabled()) {
            http.oauth2ResourceServer(o -> o
                    .bearerTokenResolver(JwtSupport.resolver())
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(problems.accessDeniedHandler())
                    .jwt(j -> j.decoder(JwtSupport.decoder(jwt))
                            .jwtAuthenticationConverter(JwtSupport.authentication(jwt))));
        }
        http
                .csrf(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(t -> t.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .addFilterBefore(new StaticTokenAuthenticationFilter(tokens, entryPoint, jwt.enabled()),
                        BearerTokenAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        // load balancers probe with HEAD
                        .requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN.name())
                        // PORTAL: the member's own actions; rectification and withdrawal also by the DPM
                        // on the member's behalf (a written request), recorded with the DPM as actor
                        // the DPM finds a person by e-mail or username (before "/members/*" rules: no member id)
                        .requestMatchers(HttpMethod.POST, BASE + "/members/lookup").hasRole(DPM.name())
                        .requestMatchers(HttpMethod.POST, BASE + "/members").hasRole(PORTAL.name())
                        .requestMatchers(HttpMethod.POST, BASE + "/members/*/consents/withdrawals")
                        .hasAnyRole(PORTAL.name(), DPM.name())
                        .requestMatchers(HttpMethod.PATCH, BASE + "/members/*/profile").hasAnyRole(PORTAL.name(), DPM.name())
                        .requestMatchers(HttpMethod.POST, BASE + "/members/*/consents", BASE + "/members/*/downloads",
                                BASE + "/members/*/activity")
                        .hasRole(PORTAL.name())
                        .requestMatchers(HttpMethod.POST, BASE + "/members/*/membership-end")
                        .hasAnyRole(PORTAL.name(), DPM.name())
                        .requestMatchers(HttpMethod.POST, BASE + "/contact-cases", BASE + "/contact-cases/*/closure")
                        .hasRole(PORTAL.name())
                        // consent as evidence: a consent's record and receipt; consent at a moment, re-consent
                        .requestMatchers(HttpMethod.GET, BASE + "/members/*/consents/*",
                                BASE + "/members/*/consents/*/receipt")
                        .hasAnyRole(PORTAL.name(), DPM.name(), AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/audit/consent-state", BASE + "/audit/reconsent")
                        .hasAnyRole(AUDITOR.name(), DPM.name())
                        // did each recipient of a mailing consent at that moment (auditors, the DPM); who may
                        // receive one now (the portal, the DPM)
                        .requestMatchers(HttpMethod.POST, BASE + "/audit/campaigns").hasAnyRole(AUDITOR.name(), DPM.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/purposes/*/audience").hasAnyRole(PORTAL.name(),
                                DPM.name())
                        // the notice registry: registered by the DPM and operations, read by every role
                        .requestMatchers(HttpMethod.POST, BASE + "/notices", BASE + "/notices/*/translations")
                        .hasAnyRole(DPM.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/notices", BASE + "/notices/*")
                        .hasAnyRole(PORTAL.name(), AUDITOR.name(), DPM.name(), ADMIN.name())
                        // AUDITOR: history, read-only; the DPM reads a member's trails to answer requests
                        .requestMatchers(HttpMethod.GET, BASE + "/members/*/consent-history",
                                BASE + "/members/*/history")
                        .hasAnyRole(AUDITOR.name(), DPM.name())
                        // a member's lifecycle certificate (no personal data): for the DPM and auditors
                        .requestMatchers(HttpMethod.GET, BASE + "/members/*/certificate")
                        .hasAnyRole(AUDITOR.name(), DPM.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/audit/**").hasRole(AUDITOR.name())
                        // the record of processing activities (Art. 30)
                        .requestMatchers(HttpMethod.GET, BASE + "/register/processing-activities")
                        .hasAnyRole(AUDITOR.name(), DPM.name())
                        // DPM: erasure, holds, receipts
                        .requestMatchers(HttpMethod.POST, BASE + "/members/*/erasure", BASE + "/members/*/legal-holds",
                                BASE + "/contact-cases/*/erasure")
                        .hasRole(DPM.name())
                        .requestMatchers(HttpMethod.DELETE, BASE + "/members/*/legal-holds/*").hasRole(DPM.name())
                        // Art. 18 and 21
                        .requestMatchers(HttpMethod.POST, BASE + "/members/*/restriction", BASE + "/members/*/objections")
                        .hasRole(DPM.name())
                        .requestMatchers(HttpMethod.DELETE, BASE + "/members/*/restriction").hasRole(DPM.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/erasures", BASE + "/members/*/accesses",
                                BASE + "/notifications", BASE + "/notifications/*")
                        .hasRole(DPM.name())
                        // the verifiable ledger: auditors, the DPM and operations read; a verification runs
                        // for auditors and operations
                        .requestMatchers(HttpMethod.POST, BASE + "/ledger/verification")
                        .hasAnyRole(AUDITOR.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.GET, BASE + "/ledger/checkpoint", BASE + "/ledger/public-key",
                                BASE + "/ledger/leaves", BASE + "/ledger/proofs/*", BASE + "/ledger/verification")
                        .hasAnyRole(AUDITOR.name(), DPM.name(), ADMIN.name())
                        .requestMatchers(BASE + "/admin/**").hasRole(ADMIN.name())
                        // the portal passes on the one-time code a signed-in member typed (the DPM: its method)
                        .requestMatchers(HttpMethod.POST, BASE + "/requests/*/verification")
                        .hasAnyRole(DPM.name(), PORTAL.name())
                        .requestMatchers(BASE + "/requests", BASE + "/requests/**").hasRole(DPM.name())
                        // member view and register extract: the portal and the DPM
                        .requestMatchers(HttpMethod.GET, BASE + "/members/*", BASE + "/members/*/register-extract")
                        .hasAnyRole(PORTAL.name(), DPM.name())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}
