package ledger.api.http.security;

import static ledger.api.http.security.Role.AUDITOR;
import static ledger.api.http.security.Role.DPM;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

import ledger.api.LedgerProperties;

/**
 * The console's own chain (docs/console.md), ordered before the API's: sessions, CSRF on every
 * form, a strict CSP, sign-in by a configured DPM or AUDITOR token (default profile only) or by
 * OpenID Connect. The API's stateless bearer chain is untouched and never sees /console.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    /** No inline script or style anywhere in the console: everything comes from the service. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    static final String SIGN_IN = "/console/sign-in";

    /** Who may sign in to the console: the roles it has pages for. */
    static final Set<Role> CONSOLE_ROLES = Set.of(DPM, AUDITOR);

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, StaticTokens tokens, LedgerProperties properties,
                                Environment environment) throws Exception {
        LedgerProperties.Console console = properties.console();
        boolean tokenSignIn = tokenSignInAllowed(console, environment);
        http.securityMatcher("/console", "/console/**")
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(t -> t.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN)))
                .logout(l -> l.logoutRequestMatcher(new AntPathRequestMatcher("/console/sign-out", "POST"))
                        .logoutSuccessUrl(SIGN_IN + "?signed-out")
                        .deleteCookies("LEDGER_CONSOLE")
                        .invalidateHttpSession(true))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/assets/**", "/console/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.GET, SIGN_IN).permitAll()
                        .requestMatchers(HttpMethod.POST, SIGN_IN).permitAll()
                        .requestMatchers("/console/oauth2/**", "/console/login/oauth2/**").permitAll()
                        // the DPM: requests, members, holds, erasures, extracts
                        .requestMatchers("/console/dashboard", "/console/requests/**", "/console/members",
                                "/console/members/**", "/console/erasures", "/console/erasures/**")
                        .hasRole(DPM.name())
                        // the auditor: consent history, its CSV and chart
                        .requestMatchers("/console/consents", "/console/consents/**").hasRole(AUDITOR.name())
                        // both: the home page and the ledger's integrity
                        .requestMatchers("/console", "/console/", "/console/ledger", "/console/ledger/**")
                        .hasAnyRole(DPM.name(), AUDITOR.name())
                        .anyRequest().denyAll());
        if (tokenSignIn) {
            http.formLogin(f -> f.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                    .usernameParameter("role").passwordParameter("token")
                    .defaultSuccessUrl("/console", true)
                    .failureUrl(SIGN_IN + "?refused"));
            http.authenticationManager(byToken(tokens));
        } else {
            http.formLogin(f -> f.disable());
            // nothing signs in through the form outside the default profile
            http.authenticationManager(authentication -> {
                throw new BadCredentialsException("token sign-in is off");
            });
        }
        if (console.oidc() != null && console.oidc().enabled()) {
            LedgerProperties.Console.Oidc oidc = console.oidc();
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                    .registrationId("oidc")
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .scope(oidc.scopes() == null || oidc.scopes().isEmpty() ? List.of("openid") : oidc.scopes())
                    .redirectUri("{baseUrl}/console/login/oauth2/code/{registrationId}")
                    .build();
            String rolesClaim = properties.security().jwt().rolesClaim();
            http.oauth2Login(o -> o.loginPage(SIGN_IN)
                    .clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration))
                    .authorizationEndpoint(e -> e.baseUri("/console/oauth2/authorization"))
                    .redirectionEndpoint(r -> r.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(u -> u.oidcUserService(rolesFrom(rolesClaim)))
                    .defaultSuccessUrl("/console", true)
                    .failureUrl(SIGN_IN + "?refused"));
        }
        return http.build();
    }

    /** The token form exists in the default profile only, as the default tokens themselves. */
    static boolean tokenSignInAllowed(LedgerProperties.Console console, Environment environment) {
        return console.tokenSignIn() && environment.getActiveProfiles().length == 0;
    }

    /**
     * The token names the role by the list it is in; PORTAL and ADMIN tokens are refused, as is a
     * token of another role than the one chosen on the form (when one is chosen).
     */
    static AuthenticationManager byToken(StaticTokens tokens) {
        return authentication -> {
            Object credentials = authentication.getCredentials();
            String presented = credentials == null ? "" : credentials.toString().strip();
            StaticTokens.Entry entry = presented.isEmpty() ? null : tokens.match(presented).orElse(null);
            if (entry == null || !CONSOLE_ROLES.contains(entry.role())) {
                throw new BadCredentialsException("not a console token");
            }
            String chosen = authentication.getName() == null ? "" : authentication.getName().strip();
            if (!chosen.isEmpty() && !chosen.equalsIgnoreCase(entry.role().name())) {
                throw new BadCredentialsException("token of another role");
            }
            return UsernamePasswordAuthenticationToken.authenticated(entry.principal(), null,
                    List.of(new SimpleGrantedAuthority(entry.role().authority())));
        };
    }

    /** OIDC users get the console roles named in the configured claim (as the API's JWTs do). */
    static OidcUserService rolesFrom(String claim) {
        OidcUserService delegate = new OidcUserService();
        return new OidcUserService() {
            @Override
            public OidcUser loadUser(org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest request) {
                OidcUser user = delegate.loadUser(request);
                Set<GrantedAuthority> authorities = new HashSet<>();
                Object value = user.getClaims().get(claim);
                Collection<?> roles = value instanceof Collection<?> c ? c
                        : value instanceof String s ? List.of(s.split("[ ,]+")) : List.of();
                for (Object role : roles) {
                    String name = role.toString().toUpperCase(Locale.ROOT);
                    if (name.startsWith("ROLE_")) {
                        name = name.substring(5);
                    }
                    for (Role allowed : CONSOLE_ROLES) {
                        if (allowed.name().equals(name)) {
                            authorities.add(new SimpleGrantedAuthority(allowed.authority()));
                        }
                    }
                }
                if (authorities.size() != 1) {
                    throw new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
                            new org.springframework.security.oauth2.core.OAuth2Error("access_denied",
                                    "exactly one console role (DPM or AUDITOR) is required", null));
                }
                return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo());
            }
        };
    }
}
