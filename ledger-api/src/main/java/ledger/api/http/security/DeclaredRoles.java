package ledger.api.http.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The filter chain's one rule for the API: a request passes when the endpoint it maps to declares
 * {@code @RolesAllowed} and the caller holds one of those roles. An endpoint that declares nothing, a
 * path no endpoint maps, or a method the path does not take is denied: deny by default. Decided from
 * the path and method alone, before the body is read or validated, so a caller without the role
 * learns nothing from the request's content (method security checks the same declaration again).
 */
final class DeclaredRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private final Supplier<List<Endpoint>> endpoints;

    DeclaredRoles(RequestMappingHandlerMapping mappings) {
        // read once, on the first request: the mappings are complete only after the context started
        this.endpoints = SingletonSupplier.of(() -> endpoints(mappings.getHandlerMethods()));
    }

    @Override
    @SuppressWarnings("deprecation")
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Set<String> allowed = allowed(context.getRequest());
        if (allowed.isEmpty()) {
            return new AuthorizationDecision(false);
        }
        Authentication caller = authentication.get();
        if (caller == null || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        for (GrantedAuthority authority : caller.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_") && allowed.contains(name.substring("ROLE_".length()))) {
                return new AuthorizationDecision(true);
            }
        }
        return new AuthorizationDecision(false);
    }

    /** The roles the endpoints matching this path and method declare; empty when none does. */
    Set<String> allowed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        RequestMethod method;
        try {
            method = RequestMethod.valueOf(request.getMethod());
        } catch (IllegalArgumentException unknown) {
            return Set.of();
        }
        Set<String> allowed = null;
        for (Endpoint endpoint : endpoints.get()) {
            if ((endpoint.methods().isEmpty() || endpoint.methods().contains(method)) && endpoint.patterns().stream().anyMatch(p -> p.matches(container))) {
                if (endpoint.roles().isEmpty()) {
                    return Set.of();
                }
                // several handlers of one path and method (e.g. by content type): a role all of them allow
                if (allowed == null) {
                    allowed = new LinkedHashSet<>(endpoint.roles());
                } else {
                    allowed.retainAll(endpoint.roles());
                }
            }
        }
        return allowed == null ? Set.of() : allowed;
    }

    private static List<Endpoint> endpoints(Map<RequestMappingInfo, HandlerMethod> handlers) {
        List<Endpoint> endpoints = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            if (info.getPathPatternsCondition() == null) {
                return;
            }
            RolesAllowed declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
            if (declared == null) {
                declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class);
            }
            endpoints.add(new Endpoint(info.getPathPatternsCondition().getPatterns(),
                    info.getMethodsCondition().getMethods(), declared == null ? Set.of() : Set.of(declared.value())));
        });
        return List.copyOf(endpoints);
    }

    private record Endpoint(Set<PathPattern> patterns, Set<RequestMethod> methods, Set<String> roles) {
    }
}
