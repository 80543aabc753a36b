package ledger.api.http.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import ledger.api.application.idempotency.IdempotencyStore;
import ledger.api.http.security.ConsoleSliceSecurity;

/**
 * A console page slice: the page controller, the MVC layer with Thymeleaf and the console's
 * templates, its error pages and frame (ConsoleErrors, ConsoleFrame), and the console's security
 * chain (session sign-in, CSRF, roles DPM and AUDITOR); nothing behind them (the test mocks what
 * the controller calls). Sign in with {@link ConsoleCallers}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import(ConsoleSliceSecurity.class)
@MockitoBean(types = IdempotencyStore.class)
public @interface ConsoleSlice {

    /** The console controller under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();
}
