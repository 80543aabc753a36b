package ledger.api.http.security;

import static ledger.api.http.security.Role.AUDITOR;
import static ledger.api.http.security.Role.DPM;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ledger.api.configuration.DevelopmentMode;
import ledger.api.configuration.LedgerProperties;

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

    /** Where OIDC sign-in lands: a page that needs no session and moves on to /console (docs/console.md). */
    static final String SIGNED_IN = "/console/signed-in";

    /** The error code of a sign-in whose claim names no console role, or more than one. */
    static final String ROLE_REQUIRED = "console_role_required";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

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
                        .requestMatchers(HttpMethod.GET, SIGN_IN, SIGNED_IN).permitAll()
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
        AuthenticationManager byForm;
        if (tokenSignIn) {
            SignInThrottle throttle = new SignInThrottle(SIGN_IN, console.signInFailuresPerMinute());
            http.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
            http.formLogin(f -> f.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                    .usernameParameter("role").passwordParameter("token")
                    .defaultSuccessUrl("/console", true)
                    .failureHandler(throttle.countingFailures(
                            new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?refused"))));
            byForm = byToken(tokens);
        } else {
            http.formLogin(f -> f.disable());
            // nothing signs in through the form outside the default profile
            byForm = authentication -> {
                throw new BadCredentialsException("token sign-in is off");
            };
        }
        AuthenticationManager byIssuer = null;
        if (console.oidc() != null && console.oidc().enabled()) {
            LedgerProperties.Console.Oidc oidc = console.oidc();
            Set<String> scopes = new java.util.LinkedHashSet<>(List.of("openid"));
            if (oidc.scopes() != null) {
                scopes.addAll(oidc.scopes());
            }
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                    .registrationId("oidc")
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .scope(scopes)
                    .redirectUri("{baseUrl}/console/login/oauth2/code/{registrationId}")
                    // PKCE as well as the client secret: a code caught on its way back is of no use alone
                    .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                    .build();
            OidcUserService users = rolesFrom(properties.security().jwt().rolesClaim());
            // the chain's own authentication manager (below) would otherwise take the callback too
            byIssuer = new ProviderManager(new OidcAuthorizationCodeAuthenticationProvider(
                    new RestClientAuthorizationCodeTokenResponseClient(), users));
            http.oauth2Login(o -> o.loginPage(SIGN_IN)
                    .clientRegistrationRepository(new InMemoryClientRegistrationRepository(registration))
                    // not the session: its Strict cookie does not come back with the issuer's redirect
                    .authorizationEndpoint(e -> e.baseUri("/console/oauth2/authorization")
                            .authorizationRequestRepository(new AuthorizationRequestCookie()))
                    .redirectionEndpoint(r -> r.baseUri("/console/login/oauth2/code/*"))
                    .userInfoEndpoint(u -> u.oidcUserService(users))
                    // a same-site page first: the session cookie is not sent within the issuer's redirect chain
                    .defaultSuccessUrl(SIGNED_IN, true)
                    .failureHandler(ConsoleSecurityConfiguration::oidcRefused));
        }
        // one manager for the chain: the issuer's callback to the OIDC provider, the form to the tokens
        AuthenticationManager oidcManager = byIssuer;
        http.authenticationManager(authentication -> oidcManager != null
                && authentication instanceof OAuth2LoginAuthenticationToken
                ? oidcManager.authenticate(authentication) : byForm.authenticate(authentication));
        return http.build();
    }

    /** The token form exists in the default profile only, as the default tokens themselves. */
    static boolean tokenSignInAllowed(LedgerProperties.Console console, Environment environment) {
        return console.tokenSignIn() && DevelopmentMode.of(environment).on();
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

    /**
     * Sends a refused OIDC sign-in to the sign-in page with a reason the page explains: {@code role}
     * (the claim names no console role, or more than one) or {@code oidc} (anything else). Only the
     * error code is logged: descriptions may quote the ID token's claims.
     */
    static void oidcRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "";
        // an issuer's error code arrives in the callback's address: logged only if it looks like one
        log.info("console sign-in through OpenID Connect refused: {} ({})",
                code != null && ERROR_CODE.matcher(code).matches() ? code : "(other)",
                exception.getClass().getSimpleName());
        response.sendRedirect(request.getContextPath() + SIGN_IN + "?refused="
                + (ROLE_REQUIRED.equals(code) ? "role" : "oidc"));
    }

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    /**
     * OIDC users get the console role named in the configured claim (as the API's JWTs do); exactly
     * one of DPM and AUDITOR is required. They are recorded as {@code oidc:<sub>}.
     */
    static OidcUserService rolesFrom(String claim) {
        OidcUserService delegate = new OidcUserService();
        return new OidcUserService() {
            @Override
            public OidcUser loadUser(OidcUserRequest request) {
                OidcUser user = delegate.loadUser(request);
                Set<GrantedAuthority> authorities = new HashSet<>();
                for (Role role : Role.claimedIn(user.getClaims().get(claim))) {
                    if (CONSOLE_ROLES.contains(role)) {
                        authorities.add(new SimpleGrantedAuthority(role.authority()));
                    }
                }
                if (authorities.size() != 1) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(ROLE_REQUIRED,
                            "exactly one console role (DPM or AUDITOR) is required", null));
                }
                String subject = user.getSubject();
                if (subject == null || !JwtSupport.validSubject(subject)) {
                    throw new OAuth2AuthenticationException(new OAuth2Error("invalid_subject",
                            "sub is not a valid caller name", null));
                }
                return new ConsoleOidcUser(authorities, user.getIdToken(), user.getUserInfo());
            }
        };
    }

    /** The principal's name is what events and the read audit record: {@code oidc:} and the subject. */
    static final class ConsoleOidcUser extends DefaultOidcUser {

        private static final long serialVersionUID = 1L;

        ConsoleOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo) {
            super(authorities, idToken, userInfo);
        }

        @Override
        public String getName() {
            return "oidc:" + getSubject();
        }
    }
}
