package ledger.api.http.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ledger.core.shared.Actor;

/**
 * {@code X-Acting-User: member:<member id>} or {@code admin:<id>}: the person who acted through the
 * portal, recorded on every event beside the client ({@link Callers#current}). Checked on every
 * request before the controller runs: another form is 400 {@code invalid-acting-user}, and so is a
 * member acting on another member's resource. An administrator's id is an opaque id (letters,
 * digits, '.', '_', '-'), never a name or an email address, because the trail outlives erasure.
 */
@Configuration(proxyBeanMethods = false)
public class ActingUsers implements WebMvcConfigurer {

    public static final String HEADER = "X-Acting-User";
    static final String ATTRIBUTE = ActingUsers.class.getName();
    private static final Pattern MEMBER_PATH = Pattern.compile("^/api/v1/members/([0-9a-fA-F-]{36})(?:/.*)?$");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String acting = request.getHeader(HEADER);
                if (acting != null) {
                    request.setAttribute(ATTRIBUTE, validated(acting, request.getRequestURI()));
                }
                return true;
            }
        });
    }

    /** The header's value if it is valid for a request to {@code path}; otherwise 400, without echoing it. */
    static String validated(String acting, String path) {
        if (!Actor.ACTING_USER.matcher(acting).matches()) {
            throw new InvalidActingUser(HEADER + " must be member:<member id> (a lower-case UUID) or admin:<id>"
                    + " (1-64 letters, digits, '.', '_' or '-')");
        }
        Matcher member = MEMBER_PATH.matcher(path);
        if (acting.startsWith("member:") && member.matches()
                && !acting.substring("member:".length()).equals(member.group(1).toLowerCase(Locale.ROOT))) {
            throw new InvalidActingUser("a member may act on their own data only: " + HEADER
                    + " names another member than the path");
        }
        return acting;
    }

    /** The acting user of the current request, as validated, or {@code null}. */
    static String current(HttpServletRequest request) {
        return request == null ? null : (String) request.getAttribute(ATTRIBUTE);
    }

    static final class InvalidActingUser extends ApiProblem {
        InvalidActingUser(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid-acting-user", message, HEADER);
        }
    }
}
