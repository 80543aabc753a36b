package ledger.api.http.security;

import java.io.IOException;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates {@code Authorization: Bearer <token>} against the static tokens. */
final class StaticTokenAuthenticationFilter extends OncePerRequestFilter {

    private final StaticTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final boolean jwtEnabled;

    StaticTokenAuthenticationFilter(StaticTokens tokens, AuthenticationEntryPoint entryPoint, boolean jwtEnabled) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.jwtEnabled = jwtEnabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            entryPoint.commence(request, response, new BadCredentialsException("not a bearer token"));
            return;
        }
        var entry = tokens.match(header.substring(7).strip());
        if (entry.isEmpty()) {
            if (jwtEnabled) {
                // not a static token: the JWT resource server decides
                chain.doFilter(request, response);
            } else {
                entryPoint.commence(request, response, new BadCredentialsException("unknown token"));
            }
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(entry.get().principal(), null,
                List.of(new SimpleGrantedAuthority(entry.get().role().authority())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
