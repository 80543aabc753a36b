package ledger.api.http.security;

import static ledger.api.http.security.Role.ADMIN;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import ledger.api.configuration.DevelopmentMode;
import ledger.api.configuration.LedgerProperties;
import ledger.api.http.support.ProblemResponses;
import ledger.api.http.support.SecurityHeaders;

/**
 * How callers sign in and the chain's few fixed rules (health and the API description open, actuator
 * for operations); who may call an endpoint is declared at the endpoint ({@code @RolesAllowed}, see
 * {@link DeclaredRoles}) and checked again by method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    @Bean
    StaticTokens staticTokens(LedgerProperties properties, Environment environment) {
        StaticTokens tokens = new StaticTokens(properties.tokens());
        DevelopmentMode development = DevelopmentMode.of(environment);
        if (!development.on() && tokens.containsDevDefault()) {
            throw new IllegalStateException("The documented default tokens are for local runs only; profiles "
                    + development.activeProfiles()
                    + " are active: set LEDGER_TOKENS_PORTAL, LEDGER_TOKENS_AUDITOR, LEDGER_TOKENS_DPM and "
                    + "LEDGER_TOKENS_ADMIN to secrets of your own");
        }
        return tokens;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, StaticTokens tokens, ProblemResponses problems, LedgerProperties properties,
                            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
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
                        .requestMatchers("/error").permitAll()
                        // every API endpoint declares its roles (@RolesAllowed); anything else is denied
                        .anyRequest().access(new DeclaredRoles(mappings)));
        return http.build();
    }
}
